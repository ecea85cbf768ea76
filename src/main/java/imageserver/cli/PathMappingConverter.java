package imageserver.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import imageserver.index.PathMap;

import picocli.CommandLine;

/** {@code --path-map FROM=TO}: two absolute folders, the index's and this machine's. */
final class PathMappingConverter implements CommandLine.ITypeConverter<PathMap.Mapping> {
    @Override
    public PathMap.Mapping convert(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not FROM=TO: give the folder as the index"
                    + " names it, '=', and where this machine finds it (/srv/photos=/mnt/nas/photos)");
        }
        return new PathMap.Mapping(folder(value.substring(0, equals), value), folder(value.substring(equals + 1), value));
    }

    private static String folder(String text, String value) {
        try {
            Path path = Path.of(text);
            if (path.isAbsolute()) {
                return path.normalize().toString();
            }
        } catch (InvalidPathException e) {
            // said below
        }
        throw new CommandLine.TypeConversionException("'" + value + "': " + text + " is not an absolute path");
    }
}
