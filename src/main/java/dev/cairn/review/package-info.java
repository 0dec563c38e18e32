/** Learning from incidents: the review workspace, reviewer rotation, interviews, surveys and read tracking. */
@org.springframework.modulith.ApplicationModule(displayName = "Review")
package dev.cairn.review;
