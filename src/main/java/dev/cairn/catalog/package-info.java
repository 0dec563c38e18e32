/** The service catalog: services, their owning teams, tiers and runbook links, which incidents name as affected. */
package dev.cairn.catalog;
