package dev.warden.scanner.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The string constants of a compiled class's fields: {@code static final String CLIENT_SECRET = "..."}
 * keeps the name and the value in separate entries of the constant pool, tied together only by the
 * field's {@code ConstantValue} attribute, so a pattern over the bytes cannot pair them. Anything that
 * does not parse as a class file gives nothing.
 */
final class ClassConstants {
    /** A field, its string value, and where the value's bytes start in the file. */
    record Field(String name, String value, int offset) {}

    private final String bytes; // one char per byte (ISO-8859-1)
    private int at;

    private ClassConstants(String bytes) {
        this.bytes = bytes;
    }

    static List<Field> of(String text) {
        try {
            return new ClassConstants(text).fields();
        } catch (IndexOutOfBoundsException e) {
            return List.of(); // truncated or not a class
        }
    }

    private List<Field> fields() {
        if (u4() != 0xCAFEBABEL) {
            return List.of();
        }
        at += 4; // minor and major version
        int count = u2();
        int[] tags = new int[count];
        int[] first = new int[count]; // a UTF-8 entry's offset, or a String entry's UTF-8 index
        int[] length = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = u1();
            tags[i] = tag;
            switch (tag) {
                case 1 -> {
                    length[i] = u2();
                    first[i] = at;
                    at += length[i];
                }
                case 8 -> first[i] = u2();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 4;
                case 5, 6 -> {
                    at += 8;
                    i++; // takes two slots
                }
                case 7, 16, 19, 20 -> at += 2;
                case 15 -> at += 3;
                default -> {
                    return List.of();
                }
            }
        }
        at += 6; // access flags, this class, super class
        int interfaces = u2(); // (not "at += 2 * u2()": the old position would be kept)
        at += 2 * interfaces;
        int fields = u2();
        List<Field> out = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            at += 2; // access flags
            int name = u2();
            at += 2; // descriptor
            int attributes = u2();
            for (int a = 0; a < attributes; a++) {
                int attributeName = u2();
                long size = u4();
                int end = at + (int) size;
                if (size == 2 && utf8(tags, first, length, attributeName).equals("ConstantValue")) {
                    int value = u2();
                    if (value > 0 && value < count && tags[value] == 8) {
                        int text = first[value];
                        out.add(new Field(
                                utf8(tags, first, length, name), utf8(tags, first, length, text), first[text]));
                    }
                }
                at = end;
            }
        }
        return out;
    }

    private String utf8(int[] tags, int[] first, int[] length, int index) {
        if (index <= 0 || index >= tags.length || tags[index] != 1) {
            return "";
        }
        return bytes.substring(first[index], first[index] + length[index]);
    }

    private int u1() {
        return bytes.charAt(at++) & 0xff;
    }

    private int u2() {
        return (u1() << 8) | u1();
    }

    private long u4() {
        return ((long) u2() << 16) | u2();
    }
}
