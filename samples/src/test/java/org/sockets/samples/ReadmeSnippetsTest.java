package org.sockets.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Every {@code ```java} block of README.md compiles against the project's jars, as a user pastes
 * it: its {@code import} lines at the top of a file, the rest as the body of a method that may
 * throw. A block without imports fails (a user could not know where the names come from).
 */
@ExtendWith(NoDescriptorLeaks.class)
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");

    @TempDir
    Path dir;

    @Test
    void everyJavaSnippetInTheReadmeCompiles() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> sources = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        for (int n = 1; m.find(); n++) {
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : m.group(1).split("\n", -1)) {
                (line.startsWith("import ") ? imports : body).append(line).append('\n');
            }
            assertTrue(!imports.isEmpty(), "README java block " + n + " shows no imports:\n" + m.group(1));
            String name = "ReadmeSnippet" + n;
            Path file = dir.resolve(name + ".java");
            Files.writeString(file, imports + "\nclass " + name + " {\n    static void snippet() throws Exception {\n"
                    + body + "    }\n}\n", StandardCharsets.UTF_8);
            sources.add(file.toString());
        }
        assertTrue(sources.size() >= 2, "README's java blocks found: " + sources.size());

        String jars = System.getProperty("jdk.module.path", "") + java.io.File.pathSeparator + System.getProperty("java.class.path", "");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "25", "-proc:none", "-cp", jars, "-d", dir.resolve("classes").toString()));
        cmd.addAll(sources);
        Process javac = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = javac.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
        assertEquals(0, javac.exitValue(), "README snippets do not compile:\n" + out);
    }
}
