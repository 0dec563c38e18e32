@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package dev.cairn.insights;
