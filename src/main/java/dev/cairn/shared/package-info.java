/**
 * Values and helpers every module uses: time, errors as problem details, cursor pages.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.cairn.shared;
