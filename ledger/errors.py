"""The one ledger error that is not a sheet's row problem: a plan not published, a ledger that cannot open."""


class LedgerError(Exception):
    """A sentence for the dispatcher; the CLI prints it and exits 2."""
