/// A form-set version published through change control: the `form-set-published` event itself,
/// kept in `EngineState.formSetVersions`.
public typealias PublishedVersion = FormSetPublished
