// The public library API for applications: everything needed to run migrations at
// start-up, with one `import Strata`.
@_exported import StrataMigrate
@_exported import StrataLint
@_exported import struct StrataPostgres.ConnectionSettings
@_exported import struct StrataPostgres.DatabaseError
@_exported import struct StrataPostgres.ServerError
@_exported import protocol StrataPostgres.DatabaseSession
@_exported import struct StrataPostgres.Row
@_exported import class StrataPostgres.PostgresSession
@_exported import StrataFleet
