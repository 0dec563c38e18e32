package dev.cairn.action;

/**
 * Action items of one team's owners (teamId null: items without a team): how many were proposed
 * and not decided, decided do / won't do / later, done, and overdue.
 */
public record TeamCounts(
        Long teamId, String teamName, int proposed, int toDo, int wontDo, int later, int done, int overdue) {

    public int decided() {
        return toDo + wontDo + later;
    }
}
