"""The exceptions the package raises for a file it cannot use, and for an output directory."""


class KokeiluFileError(Exception):
    """A Kokeilu output file (run or comparison) cannot be used: missing, not HDF5, damaged,
    of another kind or schema version, incomplete. The message is one line and names the file."""


class ComparisonFileError(KokeiluFileError):
    """The file is missing, not HDF5, truncated or damaged, not a Kokeilu comparison file
    (for example a single-run file, kind "run"), of another schema version, incomplete
    (an interrupted `kokeilu compare`), or lacks a dataset the schema requires.

    The message is one line and names the file, so a command line tool can print it as is.
    """


class OutputDirectoryError(Exception):
    """An output directory cannot be written (it exists and is not empty, and --force was not given)."""
