package dev.cairn.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Baseline app for start-up and memory comparisons: one endpoint plus actuator health. */
@SpringBootApplication
@RestController
public class BareApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }

    @GetMapping("/")
    String ok() {
        return "ok";
    }
}
