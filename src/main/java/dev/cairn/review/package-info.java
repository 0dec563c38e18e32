/**
 * Learning from incidents: the review workspace over the whole transcript (highlights, phases,
 * notes and questions), the narrative and the sections kept apart, the review states, the policy
 * saying which incidents need which review (and refusing to close them before it is published),
 * exports and read tracking of published reviews; the reviewer rotation, interviews and surveys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review")
package dev.cairn.review;
