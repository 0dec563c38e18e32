package dev.cairn.review;

import dev.cairn.shared.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cognitive-interview prompt: a question for someone who was in the incident, and a note for the
 * interviewer on why it is asked. The aim is to hear how the person made sense of things at the
 * time — what they saw, expected and knew — not to find who was wrong. Start easy; be curious; it
 * is fine to play a little dumb so they tell you everything.
 */
public record InterviewPrompt(String key, String question, String why) {

    public static final List<InterviewPrompt> ALL = List.of(
            new InterviewPrompt(
                    "first-noticed",
                    "Tell me how you found out about this incident. What did you notice first?",
                    "An easy one to start with. Listen for the signal they trusted (an alert, a graph, a"
                            + " customer message, a hunch) and where they were when it reached them."),
            new InterviewPrompt(
                    "expecting",
                    "When you first looked, what did you expect to find? What did you think was going on?",
                    "Their first picture explains what they did next, even when it turned out wrong. Ask what"
                            + " made that picture make sense at the time."),
            new InterviewPrompt(
                    "hard",
                    "What made this hard? Was there a moment you felt stuck, or unsure what to try next?",
                    "Difficulty is where the learning is: missing access, confusing dashboards, too many"
                            + " voices, a tool that lied. Ask for the moment, not a judgement."),
            new InterviewPrompt(
                    "knew",
                    "What did you know that others in the room didn't? How did you come to know it?",
                    "This is the expertise you want to spread. When they dropped a link or tried a fix, ask"
                            + " how they knew to look there — experts rarely explain it unless asked."),
            new InterviewPrompt(
                    "newcomer",
                    "If someone new to the team had been in your place, what would they have missed?",
                    "It makes tacit knowledge speakable: the cues, shortcuts and people a newcomer would not"
                            + " know about yet. Those become onboarding, runbooks and the next reviewer's homework."),
            new InterviewPrompt(
                    "anything-else",
                    "Is there anything I didn't ask that you think matters?",
                    "Close by handing them the floor. Thank them: their time and what they know are the point"
                            + " of the review."));

    public static InterviewPrompt of(String key) {
        return ALL.stream()
                .filter(p -> p.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "prompt",
                        "must be one of "
                                + ALL.stream().map(InterviewPrompt::key).collect(Collectors.joining(", "))));
    }
}
