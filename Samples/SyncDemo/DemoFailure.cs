using System;

namespace SyncDemo;

/// <summary>A check of the demo failed: the message says which and what was seen instead.</summary>
internal sealed class DemoFailure(string message) : Exception(message);
