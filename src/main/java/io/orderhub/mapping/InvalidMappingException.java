package io.orderhub.mapping;

/**
 * A mapping file that cannot be loaded or compiled. The message names the file and, for JSLT
 * errors, the line and column, because the person fixing it has only the file open.
 */
public class InvalidMappingException extends RuntimeException {

    private final String file;
    private final int line;

    public InvalidMappingException(String file, int line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The mapping file, as the resource loader describes it. */
    public String file() {
        return file;
    }

    /** The 1-based line of the error, or -1 when the error is not about one line (unreadable file, duplicate). */
    public int line() {
        return line;
    }
}
