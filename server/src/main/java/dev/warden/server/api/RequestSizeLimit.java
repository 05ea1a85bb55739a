package dev.warden.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One request-size policy for every endpoint, applied before anything reads the body: 1 MiB by
 * default (every JSON body and form), the snapshot import's own limit (64 MiB by default), 16 MiB for
 * a scan report, the advisory upload's own (512 MiB by default). Multipart uploads are bounded by the multipart settings. A declared length over the
 * limit is refused at once; a body without one (chunked) is counted as it is read and refused when it
 * passes the limit. Either way the answer is a 413 problem, and nothing was parsed or changed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestSizeLimit extends OncePerRequestFilter {
    /** The default limit, for JSON bodies and forms. */
    static final long DEFAULT_BYTES = 1024 * 1024;
    /** A {@code warden scan --format json} report uploaded as evidence. */
    static final long SCAN_REPORT_BYTES = 16L * 1024 * 1024;

    private final long importBytes;
    private final long advisoryBytes;

    RequestSizeLimit(
            @Value("${warden.snapshot.max-import-bytes}") long importBytes,
            @Value("${warden.advisories.max-upload:512MB}") org.springframework.util.unit.DataSize advisoryBytes) {
        this.importBytes = importBytes;
        this.advisoryBytes = advisoryBytes.toBytes();
    }

    /** The limit of a request, by what it is. */
    long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.equals("/api/v1/snapshot")) {
            return importBytes;
        }
        if (path.equals("/api/v1/advisories")) {
            return advisoryBytes;
        }
        if (path.startsWith("/api/v1/apps/") && path.endsWith("/token-use/scans")) {
            return SCAN_REPORT_BYTES;
        }
        return DEFAULT_BYTES;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response); // spring.servlet.multipart limits these
            return;
        }
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            ProblemWriter.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(limit));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    static String tooLarge(long limit) {
        return "The request body is larger than this endpoint accepts (" + limit + " bytes)";
    }

    /** The request with its body counted as it is read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private @org.jspecify.annotations.Nullable ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream counted = stream;
            if (counted == null) {
                counted = new Counting(super.getInputStream(), limit);
                stream = counted;
            }
            return counted;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
