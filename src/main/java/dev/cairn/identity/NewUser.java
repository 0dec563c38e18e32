package dev.cairn.identity;

import dev.cairn.shared.InvalidInputException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/** A person to create; checked on construction so an invalid one cannot exist. */
public record NewUser(String email, String name, String timeZone, Role role, String password) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    public NewUser {
        email = checkEmail(email);
        name = checkName(name);
        timeZone = checkTimeZone(timeZone);
        if (role == null) {
            throw new InvalidInputException("role", "is required");
        }
        if (password != null && !password.isEmpty()) {
            checkPassword(password);
        }
    }

    static String checkEmail(String email) {
        if (email == null
                || email.length() > 320
                || !EMAIL.matcher(email.strip()).matches()) {
            throw new InvalidInputException("email", "must be an e-mail address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        return name.strip();
    }

    static String checkTimeZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(timeZone.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Paris");
        }
    }

    public static void checkPassword(String password) {
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw new InvalidInputException("password", "must be 12 to 200 characters");
        }
    }
}
