package dev.warden.scanner;

/** What a file's first bytes say it is. */
enum ContentKind {
    ZIP,
    GZIP,
    TAR,
    PLAIN;

    static ContentKind of(byte[] b, int length) {
        if (length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)) {
            return ZIP;
        }
        if (length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r') {
            return TAR;
        }
        return PLAIN;
    }
}
