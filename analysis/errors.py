"""The one exception the package raises for a file it cannot use as a comparison."""


class ComparisonFileError(Exception):
    """The file is missing, not HDF5, truncated or damaged, not a Kokeilu comparison file
    (for example a single-run file, kind "run"), of another schema version, incomplete
    (an interrupted `kokeilu compare`), or lacks a dataset the schema requires.

    The message is one line and names the file, so a command line tool can print it as is.
    """


class OutputDirectoryError(Exception):
    """An output directory cannot be written (it exists and is not empty, and --force was not given)."""
