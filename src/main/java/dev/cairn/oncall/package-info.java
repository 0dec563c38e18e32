/** On-call schedules, rotations, layers and overrides, and "who is on call at t" as a pure function. */
package dev.cairn.oncall;
