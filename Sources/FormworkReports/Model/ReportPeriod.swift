public import FormworkLanguage

/// The days a management report covers (see `DatePeriod`).
public typealias ReportPeriod = DatePeriod
