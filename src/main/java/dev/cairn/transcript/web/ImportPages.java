package dev.cairn.transcript.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Users;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.transcript.ImportKind;
import dev.cairn.transcript.ImportRequest;
import dev.cairn.transcript.ImportResult;
import dev.cairn.transcript.Transcripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /incidents/{id}/imports}: past imports and the upload form. A call transcript whose
 * speakers don't all match a Cairn user is held (a temporary file for the uploader only) while
 * the uploader maps each speaker to a user or keeps the name, then imported.
 */
@Controller
class ImportPages {

    private static final Path HELD = Path.of(System.getProperty("java.io.tmpdir"), "cairn-imports");

    private final Transcripts transcripts;
    private final Incidents incidents;
    private final Users users;

    ImportPages(Transcripts transcripts, Incidents incidents, Users users) {
        this.transcripts = transcripts;
        this.incidents = incidents;
        this.users = users;
    }

    @GetMapping("/incidents/{id}/imports")
    String page(@PathVariable long id, @AuthenticationPrincipal Actor me, Model model) {
        fill(id, me, model);
        return "transcript/imports";
    }

    @PostMapping("/incidents/{id}/imports")
    String upload(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String startedAt,
            Model model) {
        Actors.requireWrite(me);
        incidents.get(id, me);
        Path tmp = null;
        try {
            ImportRequest request = Uploads.request(kind, channel, from, to, startedAt, List.of());
            tmp = Uploads.toTempFile(file);
            String name = file.getOriginalFilename();
            if (request.kind() == ImportKind.VTT) {
                List<String> unmatched = transcripts.unmatchedSpeakers(tmp, name);
                if (!unmatched.isEmpty()) {
                    String token = hold(tmp, me, id);
                    tmp = null;
                    model.addAttribute("mapping", new Mapping(token, name, startedAt, unmatched));
                    model.addAttribute("people", users.active());
                    fill(id, me, model);
                    return "transcript/imports";
                }
            }
            model.addAttribute("result", transcripts.importFile(id, request, name, tmp, me));
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
        } finally {
            if (tmp != null) {
                Uploads.delete(tmp);
            }
        }
        fill(id, me, model);
        return "transcript/imports";
    }

    @PostMapping("/incidents/{id}/imports/mapped")
    String mapped(
            @PathVariable long id,
            @AuthenticationPrincipal Actor me,
            @RequestParam String token,
            @RequestParam(defaultValue = "") String fileName,
            @RequestParam(required = false) String startedAt,
            @RequestParam Map<String, String> form,
            Model model) {
        Actors.requireWrite(me);
        incidents.get(id, me);
        Path held = held(token, me, id);
        try {
            if (!Files.exists(held)) {
                throw new InvalidInputException("token", "this upload has expired; upload the file again");
            }
            List<String> speakers = new ArrayList<>();
            form.forEach((key, value) -> {
                if (key.startsWith("speaker.") && value != null && !value.isBlank()) {
                    speakers.add(key.substring("speaker.".length()) + "=" + value);
                }
            });
            ImportRequest request = Uploads.request("vtt", null, null, null, startedAt, speakers);
            model.addAttribute("result", transcripts.importFile(id, request, fileName, held, me));
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
        } finally {
            Uploads.delete(held);
        }
        fill(id, me, model);
        return "transcript/imports";
    }

    /** A speaker-mapping step: the held upload and the speakers no user matched. */
    record Mapping(String token, String fileName, String startedAt, List<String> speakers) {}

    private void fill(long id, Actor me, Model model) {
        model.addAttribute("incident", incidents.get(id, me));
        List<ImportResult> past = transcripts.list(id, me);
        model.addAttribute("imports", past);
    }

    private static String hold(Path upload, Actor me, long incidentId) {
        String token = UUID.randomUUID().toString();
        try {
            Files.createDirectories(HELD);
            Files.move(upload, held(token, me, incidentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return token;
    }

    /** The held file is named by uploader and incident, so nobody else can import it. */
    private static Path held(String token, Actor me, long incidentId) {
        if (!token.matches("[0-9a-f-]{36}")) {
            throw new InvalidInputException("token", "is not an upload");
        }
        return HELD.resolve(me.userId() + "-" + incidentId + "-" + token + ".vtt");
    }
}
