package dev.warden.server.shared;

/** Something sent is larger than Warden accepts (an artifact past its size limit); answered 413. */
public class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(String what) {
        super(what);
    }
}
