/** Layout, navigation and shared view fragments; each module keeps its own controllers and templates. */
package dev.cairn.web;
