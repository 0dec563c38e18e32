package dev.cairn.web;

import dev.cairn.identity.Actors;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModel {

    @ModelAttribute("me")
    dev.cairn.identity.Actor me() {
        return Actors.current().orElse(null);
    }
}
