@_exported import struct Storage.IndexActivityEvent
@_exported import struct Storage.IndexActivityPage
@_exported import struct Storage.IndexActivityQuery
@_exported import struct Storage.IndexCompletions
@_exported import struct Storage.IndexPage
@_exported import struct Storage.IndexQuery
@_exported import struct Storage.IndexStats
@_exported import struct Storage.IndexSyncState
@_exported import struct Storage.IndexedFolder
@_exported import struct Storage.IndexedItem
// The collection index's query and result types, seen through `Discogs`.
//
// They are defined next to the store that reads and writes them (`Storage/Index`), which cannot
// import `Discogs`; re-exporting them here keeps the design's one-way graph: `Tools` talks to the
// index through `Discogs` and never imports `Storage`.
@_exported import enum Storage.IndexedList
