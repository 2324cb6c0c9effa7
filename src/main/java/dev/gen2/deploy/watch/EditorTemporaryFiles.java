package dev.gen2.deploy.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The temporary, swap and backup files that editors and tools write beside a file they save, which the watcher does
 * not count as changes (the file they save still counts), by name:
 * <ul>
 * <li>{@code sed -i}: {@code sed} and six letters or digits ({@code sedkgroTH}, GNU); {@code .!<pid>!<name>} (BSD,
 * macOS);</li>
 * <li>vim and nano: the swap files {@code .<name>.swp} ({@code .swo}, {@code .swn}, {@code .swx}), and vim's checks
 * that it may write in the directory, {@code 4913} (then {@code 5036}, {@code 5159}, ...);</li>
 * <li>backups ending in {@code ~} ({@code <name>~}, emacs's {@code <name>.~1~});</li>
 * <li>emacs: the auto-save file {@code #<name>#} and the lock {@code .#<name>};</li>
 * <li>JetBrains IDEs' safe write: {@code <name>___jb_tmp___} and {@code <name>___jb_old___};</li>
 * <li>VS Code's atomic save: {@code <name>.vsctmp};</li>
 * <li>Kate: {@code .<name>.kate-swp}; gedit and other GLib editors: {@code .goutputstream-XXXXXX}.</li>
 * </ul>
 */
public final class EditorTemporaryFiles {
    private static final List<Pattern> NAMES = List.of(
            Pattern.compile("sed[A-Za-z0-9]{6}"),
            Pattern.compile("\\.![0-9]+!.+"),
            Pattern.compile(".+\\.sw[nopx]"),
            Pattern.compile(".+~"),
            Pattern.compile("#.+#"),
            Pattern.compile("\\.#.+"),
            Pattern.compile(".+___jb_(tmp|old)___"),
            Pattern.compile(".+\\.vsctmp"),
            Pattern.compile("\\..+\\.kate-swp"),
            Pattern.compile("\\.goutputstream-[A-Za-z0-9]{6}"));
    /** vim tries 4913 and, while that name is taken, adds 123. */
    private static final int VIM_FIRST_CHECK = 4913;
    private static final int VIM_CHECK_STEP = 123;

    private EditorTemporaryFiles() {
    }

    /** Whether the file's name is one of an editor's or tool's temporary files. */
    public static boolean matches(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return false;
        }
        String name = fileName.toString();
        return isVimWriteCheck(name) || NAMES.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private static boolean isVimWriteCheck(String name) {
        if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(name);
        return number >= VIM_FIRST_CHECK && (number - VIM_FIRST_CHECK) % VIM_CHECK_STEP == 0;
    }
}
