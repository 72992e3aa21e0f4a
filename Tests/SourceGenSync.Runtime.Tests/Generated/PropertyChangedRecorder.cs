using System.Collections.Generic;
using System.ComponentModel;

namespace SourceGenSync.Runtime.Tests.Generated;

/// <summary>Records the property names of every PropertyChanged event an object raises.</summary>
internal sealed class PropertyChangedRecorder
{
    public PropertyChangedRecorder(INotifyPropertyChanged source) =>
        source.PropertyChanged += (sender, e) =>
        {
            Assert.Same(source, sender);
            Names.Add(e.PropertyName);
        };

    public List<string?> Names { get; } = [];
}
