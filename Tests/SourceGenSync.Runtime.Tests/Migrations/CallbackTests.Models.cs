namespace SourceGenSync.Runtime.Tests.Migrations;

public sealed partial class CallbackTests
{
    [RealmObject]
    [MapTo("Person")]
    private partial class PersonV1
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string FirstName { get; set; }

        public partial string LastName { get; set; }

        public partial int Age { get; set; }
    }

    [RealmObject]
    [MapTo("Note")]
    private partial class NoteV1
    {
        public partial string Text { get; set; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonWithFullName
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string FirstName { get; set; }

        public partial string LastName { get; set; }

        public partial int Age { get; set; }

        public partial string FullName { get; set; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonRenamed
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial string GivenName { get; set; }

        public partial string LastName { get; set; }

        public partial int Age { get; set; }
    }

    [RealmObject]
    [MapTo("Person")]
    private partial class PersonRenamedToNumber
    {
        [PrimaryKey]
        public partial int Id { get; set; }

        public partial int GivenName { get; set; }

        public partial string LastName { get; set; }

        public partial int Age { get; set; }
    }
}
