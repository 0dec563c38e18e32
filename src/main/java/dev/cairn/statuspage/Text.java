package dev.cairn.statuspage;

/** Public text as stored: no control characters (they would break the XML feeds), Unix line breaks. */
final class Text {

    private Text() {}

    static String clean(String value) {
        StringBuilder out = new StringBuilder(value.length());
        String unix = value.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < unix.length(); i++) {
            char c = unix.charAt(i);
            boolean allowed = c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && c != 0xfffe && c != 0xffff);
            if (allowed) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
