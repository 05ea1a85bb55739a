package dev.warden.scanner;

import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it. */
final class CountedInputStream extends java.io.FilterInputStream {
    private long count;

    CountedInputStream(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }
}
