public import FormworkLanguage

/// The days whose reports a usage audit reads (see `DatePeriod`).
public typealias AuditPeriod = DatePeriod
