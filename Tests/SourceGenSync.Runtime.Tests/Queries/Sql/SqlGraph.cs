using System;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>
/// A small object graph over the test models, written straight into the tables: projects with embedded offices and
/// link collections, todo items linking to projects, comments linking to items, and teams listing members.
/// </summary>
internal sealed class SqlGraph
{
    public SqlGraph(SqlTestDatabase db)
    {
        var paris = db.Insert("Address", ("Street", "Main"), ("City", "Paris"));
        var lyon = db.Insert("Address", ("Street", "Side"), ("City", "Lyon"));
        HomeId = Guid.NewGuid();
        WorkId = Guid.NewGuid();
        Home = db.Insert("project_v2", ("Id", Bytes(HomeId)), ("name", "Home"), ("Description", "house chores"), ("Office", paris));
        Work = db.Insert("project_v2", ("Id", Bytes(WorkId)), ("name", "Work"), ("Description", "office tasks"));
        db.InsertElement("project_v2", "Branches", Work, 0L, lyon);

        PaintId = ObjectId.GenerateNewId();
        MowId = ObjectId.GenerateNewId();
        CodeId = ObjectId.GenerateNewId();
        Paint = Todo(db, PaintId, "Paint", 5, HomeId);
        Mow = Todo(db, MowId, "Mow", 1, HomeId);
        Code = Todo(db, CodeId, "Code", 3, WorkId);
        Orphan = Todo(db, ObjectId.GenerateNewId(), "Orphan", 2, null);
        db.InsertElement("TodoItem", "tags", Paint, 0L, "red");
        db.InsertElement("TodoItem", "tags", Paint, 1L, "blue");
        db.InsertElement("TodoItem", "tags", Code, 0L, "blue");
        db.InsertElement("TodoItem", "counts", Paint, "a", 1L);
        db.InsertElement("TodoItem", "counts", Paint, "b", 5L);
        db.InsertElement("TodoItem", "counts", Code, "a", 2L);

        db.InsertElement("project_v2", "Items", Home, 0L, Bytes(PaintId));
        db.InsertElement("project_v2", "Items", Home, 1L, Bytes(MowId));
        db.InsertElement("project_v2", "Items", Work, 0L, Bytes(CodeId));
        db.InsertElement("project_v2", "Starred", Work, null, Bytes(PaintId));
        db.InsertElement("project_v2", "ByKey", Home, "x", Bytes(PaintId));
        db.InsertElement("project_v2", "ByKey", Home, "nil", null);

        NiceComment = db.Insert("Comment", ("Id", 1L), ("Text", "nice"), ("item", Bytes(PaintId)));
        db.Insert("Comment", ("Id", 2L), ("Text", "meh"), ("item", Bytes(PaintId)));
        db.Insert("Comment", ("Id", 3L), ("Text", "ok"), ("item", Bytes(CodeId)));

        var gold = db.Insert("SqlBadge", ("Label", "Gold"), ("Level", 3L));
        Ann = db.Insert("SqlMember", ("Name", "Ann"), ("Age", 30L), ("Badge", gold));
        Bob = db.Insert("SqlMember", ("Name", "Bob"), ("Age", 20L), ("Mentor", Ann));
        Cy = db.Insert("SqlMember", ("Name", "Cy"), ("Age", 40L));
        Red = db.Insert("sql_team", ("Id", 10L), ("Name", "Red"));
        Blue = db.Insert("sql_team", ("Id", 20L), ("Name", "Blue"));
        db.InsertElement("sql_team", "members", Red, 0L, Ann);
        db.InsertElement("sql_team", "members", Red, 1L, Bob);
        db.InsertElement("sql_team", "members", Red, 2L, Ann);
        db.InsertElement("sql_team", "members", Blue, 0L, Ann);
        db.InsertElement("sql_team", "Roles", Red, "lead", Ann);
        db.InsertElement("sql_team", "Roles", Red, "spare", null);
    }

    public Guid HomeId { get; }

    public Guid WorkId { get; }

    public long Home { get; }

    public long Work { get; }

    public ObjectId PaintId { get; }

    public ObjectId MowId { get; }

    public ObjectId CodeId { get; }

    public long Paint { get; }

    public long Mow { get; }

    public long Code { get; }

    public long Orphan { get; }

    public long NiceComment { get; }

    public long Ann { get; }

    public long Bob { get; }

    public long Cy { get; }

    public long Red { get; }

    public long Blue { get; }

    public static byte[] Bytes(Guid id) => ValueCodec.GuidToBytes(id);

    public static byte[] Bytes(ObjectId id) => ValueCodec.ObjectIdToBytes(id);

    private static long Todo(SqlTestDatabase db, ObjectId id, string title, long priority, Guid? project) =>
        db.Insert("TodoItem", ("_id", Bytes(id)), ("title", title), ("ownerId", "me"), ("priority", priority), ("isDone", 0L),
            ("project", project is { } p ? Bytes(p) : null));
}
