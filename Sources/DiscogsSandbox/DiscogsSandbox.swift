/// The in-process fake Discogs (sandbox mode and tests); see FakeDiscogs.
