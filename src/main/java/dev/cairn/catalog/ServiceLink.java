package dev.cairn.catalog;

public record ServiceLink(String label, String url) {}
