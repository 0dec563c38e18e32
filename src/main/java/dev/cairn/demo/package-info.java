/** Demo data: fills an empty Cairn with six months of realistic, seed-deterministic incidents. */
package dev.cairn.demo;
