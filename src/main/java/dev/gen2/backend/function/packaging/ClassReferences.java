package dev.gen2.backend.function.packaging;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * What one class file names: every class in its constant pool, whether named as a class (super types, instructions,
 * class literals) or inside a descriptor or signature (fields, methods, annotations, generics), read through ASM's
 * {@link ClassReader} without parsing the code. String constants are not read: a class named only in a string
 * (reflection) is not seen, and a string shaped like a descriptor adds nothing.
 *
 * @param names the internal names ({@code java/lang/String}) of the classes named, sorted, the class itself excluded
 * @param serviceCandidate whether the class is an interface or abstract: a type {@code ServiceLoader} may look up
 * @param javaVersion the Java version its class file format is for (the major version less 44: 65 is Java 21)
 */
record ClassReferences(List<String> names, boolean serviceCandidate, int javaVersion) {
    private static final int MAJOR_VERSION_OFFSET = 6;
    private static final int JAVA_VERSION_OF_MAJOR_ZERO = 44;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_STRING = 8;

    ClassReferences {
        names = List.copyOf(names);
    }

    static ClassReferences of(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        Set<String> names = new TreeSet<>();
        Set<Integer> stringConstants = stringConstants(reader);
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            if (offset == 0) {
                continue; // the second slot of a long or a double
            }
            int tag = reader.readByte(offset - 1);
            if (tag == CONSTANT_CLASS) {
                addClassOrArray(names, reader.readUTF8(offset, buffer));
            } else if (tag == CONSTANT_UTF8 && !stringConstants.contains(item)) {
                addDescriptorTypes(names, readUtf8Entry(reader, offset));
            }
        }
        names.remove(reader.getClassName());
        int access = reader.getAccess();
        return new ClassReferences(List.copyOf(names),
                (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) != 0,
                reader.readUnsignedShort(MAJOR_VERSION_OFFSET) - JAVA_VERSION_OF_MAJOR_ZERO);
    }

    /** The pool indices of the texts of string constants ({@code "..."} in the source), which name no type. */
    private static Set<Integer> stringConstants(ClassReader reader) {
        Set<Integer> texts = new HashSet<>();
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            if (offset != 0 && reader.readByte(offset - 1) == CONSTANT_STRING) {
                texts.add(reader.readUnsignedShort(offset));
            }
        }
        return texts;
    }

    /** The text of a CONSTANT_Utf8 entry (the JVM's modified UTF-8), whose item offset points at its length. */
    private static String readUtf8Entry(ClassReader reader, int offset) {
        int length = reader.readUnsignedShort(offset);
        byte[] entry = new byte[length + 2];
        for (int index = 0; index < entry.length; index++) {
            entry[index] = (byte) reader.readByte(offset + index);
        }
        try {
            return new DataInputStream(new ByteArrayInputStream(entry)).readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException("A class file's constant pool holds malformed text", e);
        }
    }

    /** A class entry: {@code com/x/Y}, or an array descriptor such as {@code [Lcom/x/Y;}. */
    private static void addClassOrArray(Set<String> names, String name) {
        if (name.startsWith("[")) {
            addDescriptorTypes(names, name);
        } else {
            names.add(name);
        }
    }

    /**
     * The classes a descriptor or generic signature names ({@code (ILcom/x/Y;)V}, {@code Ljava/util/List<Lcom/x/Y;>;}):
     * each {@code L<name>} ended by {@code ;} or {@code <}. Type variables ({@code TT;}) and inner-class suffixes
     * ({@code .Inner;}) are skipped. Other text of the pool (names, attribute names, strings) is read the same way
     * and adds nothing unless it has exactly that form.
     */
    private static void addDescriptorTypes(Set<String> names, String text) {
        if (text.isEmpty() || "(L[<".indexOf(text.charAt(0)) < 0) {
            return;
        }
        int index = 0;
        int length = text.length();
        while (index < length) {
            char next = text.charAt(index);
            if (next == 'L' || next == 'T' || next == '.') {
                int end = index + 1;
                while (end < length && text.charAt(end) != ';' && text.charAt(end) != '<') {
                    end++;
                }
                if (end == length) {
                    return; // not a descriptor after all
                }
                String name = text.substring(index + 1, end);
                if (next == 'L' && !name.isEmpty() && name.indexOf('.') < 0 && name.indexOf(' ') < 0) {
                    names.add(name);
                }
                index = end + 1;
            } else {
                index++;
            }
        }
    }
}
