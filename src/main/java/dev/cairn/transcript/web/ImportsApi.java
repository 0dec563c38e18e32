package dev.cairn.transcript.web;

import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.transcript.ImportResult;
import dev.cairn.transcript.Transcripts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/incidents/{id}/imports")
@Tag(name = "Transcripts", description = "Slack exports, call transcripts and chat logs imported into a timeline")
class ImportsApi {

    private final Transcripts transcripts;

    ImportsApi(Transcripts transcripts) {
        this.transcripts = transcripts;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Import a file into the timeline (kind slack-export with channel and optional from/to,"
                    + " vtt with optional startedAt and speakers name=userId, or chat-log); a second import of"
                    + " the same file adds nothing")
    ImportResult create(
            @PathVariable long id,
            @RequestPart("file") MultipartFile file,
            @RequestParam String kind,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String startedAt,
            @RequestParam(required = false) List<String> speakers) {
        var request = Uploads.request(kind, channel, from, to, startedAt, speakers);
        Path tmp = Uploads.toTempFile(file);
        try {
            return transcripts.importFile(id, request, file.getOriginalFilename(), tmp, actor());
        } finally {
            Uploads.delete(tmp);
        }
    }

    @GetMapping
    @Operation(summary = "Past imports of the incident, newest first")
    List<ImportResult> list(@PathVariable long id) {
        return transcripts.list(id, actor());
    }

    private static Actor actor() {
        return Actors.current().orElseThrow();
    }
}
