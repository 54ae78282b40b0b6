using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.KnowledgeAdmin;
using Xiaoshen.Bot.Reports;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// The one model for every provider. Each provider has its own subclass only so that it can carry its own migrations
/// (<c>Storage/Migrations/Sqlite</c>, <c>Storage/Migrations/Postgres</c>).
/// </summary>
public abstract class XiaoshenDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Turn> Turns => Set<Turn>();

    public DbSet<Feedback> Feedback => Set<Feedback>();

    public DbSet<ConversationTransition> Transitions => Set<ConversationTransition>();

    public DbSet<HandoffSession> HandoffSessions => Set<HandoffSession>();

    public DbSet<CallbackTicket> CallbackTickets => Set<CallbackTicket>();

    public DbSet<HumanAgent> HumanAgents => Set<HumanAgent>();

    public DbSet<BotStateRecord> BotStates => Set<BotStateRecord>();

    public DbSet<DirectLineActivityRecord> DirectLineActivities => Set<DirectLineActivityRecord>();

    public DbSet<DirectLineWatermark> DirectLineWatermarks => Set<DirectLineWatermark>();

    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    // The StorageWriter sets it for each batch before applying the batch's changes, the only code that reads it (a pooled
    // context keeps the last batch's between uses; nothing outside the writer may rely on it).
    internal StoredRows StoredRows { get; set; } = new([]);

    public DbSet<BotRating> BotRatings => Set<BotRating>();

    public DbSet<RectificationOrder> RectificationOrders => Set<RectificationOrder>();

    public DbSet<RatingFollowUp> RatingFollowUps => Set<RatingFollowUp>();

    public DbSet<ContentEdit> ContentEdits => Set<ContentEdit>();

    public DbSet<BuildEvaluation> BuildEvaluations => Set<BuildEvaluation>();

    public DbSet<ReportEpisode> ReportEpisodes => Set<ReportEpisode>();

    public DbSet<ReportDay> ReportDays => Set<ReportDay>();

    public DbSet<PreReview.PreReviewCase> PreReviewCases => Set<PreReview.PreReviewCase>();

    public DbSet<PreReview.PreReviewUpload> PreReviewUploads => Set<PreReview.PreReviewUpload>();

    public DbSet<Booking.CentreBooking> CentreBookings => Set<Booking.CentreBooking>();

    public DbSet<Booking.SlotCount> SlotCounts => Set<Booking.SlotCount>();

    public DbSet<UploadRecord> Uploads => Set<UploadRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.Id).ValueGeneratedNever();
            conversation.Property(c => c.Channel).HasMaxLength(64);
            conversation.Property(c => c.ChannelConversationId).HasMaxLength(256);
            conversation.Property(c => c.UserId).HasMaxLength(256);
            conversation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.HandoffReason).HasConversion<string>().HasMaxLength(32);
            conversation.Property(c => c.DepartmentId).HasMaxLength(64);
            conversation.Property(c => c.HumanAgentId).HasMaxLength(64);

            // The database numbers turns (DatabaseNumbers.NextTurn); saving a conversation never writes its count back.
            conversation.Property(c => c.TurnCount).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            conversation.HasIndex(c => c.Status);
            conversation.HasIndex(c => new { c.Channel, c.ChannelConversationId }).IsUnique();
            conversation.HasMany(c => c.Turns).WithOne().HasForeignKey(t => t.ConversationId);
            conversation.Navigation(c => c.Turns).HasField("_turns").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<Turn>(turn =>
        {
            turn.HasKey(t => t.Id);
            turn.Property(t => t.Id).ValueGeneratedNever();
            turn.Property(t => t.Role).HasConversion<string>().HasMaxLength(8);
            turn.Property(t => t.Text).HasMaxLength(8000).HoldsPersonalText();
            turn.Property(t => t.Decision).HasMaxLength(32);
            turn.Property(t => t.MatterId).HasMaxLength(64);
            turn.Property(t => t.Content).HasMaxLength(128);
            turn.Property(t => t.BuildId).HasMaxLength(64);
            turn.Property(t => t.Reason).HasMaxLength(256);
            turn.Property(t => t.HumanAgentId).HasMaxLength(64);
            turn.Property(t => t.AttachmentsJson).HoldsPersonalJson();
            turn.Ignore(t => t.Attachments);
            turn.HasIndex(t => new { t.ConversationId, t.Sequence }).IsUnique();
            turn.HasIndex(t => t.MatterId);
            turn.HasIndex(t => t.At);
        });
        modelBuilder.Entity<Feedback>(feedback =>
        {
            feedback.HasKey(f => f.Id);
            feedback.Property(f => f.Id).ValueGeneratedNever();
            feedback.HasIndex(f => f.TurnId);
            feedback.HasIndex(f => f.At);
        });
        modelBuilder.Entity<ConversationTransition>(transition =>
        {
            transition.HasKey(t => t.Id);
            transition.Property(t => t.Id).ValueGeneratedNever();
            transition.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            transition.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            transition.Property(t => t.Reason).HasMaxLength(64);
            transition.Property(t => t.Actor).HasMaxLength(64);
            transition.HasIndex(t => new { t.ConversationId, t.At });
        });
        modelBuilder.Entity<HandoffSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.Channel).HasMaxLength(64);
            session.Property(s => s.DepartmentId).HasMaxLength(64);
            session.Property(s => s.AgentGroup).HasMaxLength(64);
            session.Property(s => s.MatterId).HasMaxLength(64);
            session.Property(s => s.HumanAgentId).HasMaxLength(64);
            session.Property(s => s.Reason).HasConversion<string>().HasMaxLength(32);
            session.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(32);
            session.Property(s => s.Rating).HasConversion<string>().HasMaxLength(32);
            session.Property(s => s.RatingComment).HasMaxLength(1000).HoldsPersonalText();
            session.Property(s => s.TransferNote).HasMaxLength(1000).HoldsPersonalText();
            session.Ignore(s => s.FirstResponse);
            session.HasIndex(s => new { s.DepartmentId, s.RatedAt });
            session.HasIndex(s => s.ConversationId);
            session.HasIndex(s => new { s.DepartmentId, s.QueuedAt });
            session.HasIndex(s => s.QueuedAt);

            // The open rows are the handoff queue: the waiting by department in order, and each agent's chats.
            session.HasIndex(s => new { s.DepartmentId, s.QueuedAt }, "IX_HandoffSessions_Open_Queue").HasFilter("\"EndedAt\" IS NULL");
            session.HasIndex(s => s.HumanAgentId, "IX_HandoffSessions_Open_Agent").HasFilter("\"EndedAt\" IS NULL");

            // Each agent's last assignment on any node (the tie-break of automatic assignment), without scanning ended rows.
            session.HasIndex(s => new { s.HumanAgentId, s.AssignedAt }, "IX_HandoffSessions_Agent_Assigned");
        });
        modelBuilder.Entity<CallbackTicket>(ticket =>
        {
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Id).ValueGeneratedNever();
            ticket.Property(t => t.Number).HasMaxLength(32);
            ticket.Property(t => t.DepartmentId).HasMaxLength(64);
            ticket.Property(t => t.MatterId).HasMaxLength(64);
            ticket.Property(t => t.Question).HasMaxLength(2000).HoldsPersonalText();

            // The call-back number is the one personal number stored in clear, while the ticket is open.
            ticket.Property(t => t.Phone).HasMaxLength(32);
            ticket.Property(t => t.PreferredTime).HasMaxLength(200).HoldsPersonalText();
            ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            ticket.Property(t => t.HandledBy).HasMaxLength(64);
            ticket.Property(t => t.Note).HasMaxLength(1000).HoldsPersonalText();
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.HasIndex(t => new { t.DepartmentId, t.Status });
            ticket.HasIndex(t => t.CreatedAt);
        });
        modelBuilder.Entity<HumanAgent>(agent =>
        {
            agent.HasKey(a => a.Id);
            agent.Property(a => a.Id).HasMaxLength(64);
            agent.Property(a => a.DisplayName).HasMaxLength(64);
            agent.Property(a => a.PasswordHash).HasMaxLength(256);
            agent.Property(a => a.Roles).HasMaxLength(128);
            agent.Property(a => a.Groups).HasMaxLength(512);
            agent.Property(a => a.SecurityStamp).HasMaxLength(64);
            agent.Ignore(a => a.RoleList);
            agent.Ignore(a => a.GroupList);
        });
        modelBuilder.Entity<DirectLineActivityRecord>(activity =>
        {
            activity.HasKey(a => new { a.ConversationId, a.Sequence });
            activity.Property(a => a.ConversationId).HasMaxLength(64);
            activity.Property(a => a.Json).HoldsPersonalJson();
            activity.HasIndex(a => a.At);
        });
        modelBuilder.Entity<DirectLineWatermark>(watermark =>
        {
            watermark.HasKey(w => w.ConversationId);
            watermark.Property(w => w.ConversationId).HasMaxLength(64);
        });
        modelBuilder.Entity<BotStateRecord>(state =>
        {
            state.HasKey(s => s.Key);
            state.Property(s => s.Key).HasMaxLength(512);
            state.Property(s => s.ETag).HasMaxLength(64);
            state.HasIndex(s => s.UpdatedAt);
        });
        modelBuilder.Entity<TicketCounter>(counter =>
        {
            counter.HasKey(c => c.Day);
            counter.Property(c => c.Day).HasMaxLength(8);
        });
        modelBuilder.Entity<BotRating>(rating =>
        {
            rating.HasKey(r => r.Id);
            rating.Property(r => r.Id).ValueGeneratedNever();
            rating.Property(r => r.Channel).HasMaxLength(64);
            rating.Property(r => r.MatterId).HasMaxLength(64);
            rating.Property(r => r.Rating).HasConversion<string>().HasMaxLength(32);
            rating.Property(r => r.Comment).HasMaxLength(1000).HoldsPersonalText();
            rating.HasIndex(r => r.ConversationId);
            rating.HasIndex(r => r.RatedAt);
        });
        modelBuilder.Entity<RectificationOrder>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.Property(o => o.Number).HasMaxLength(32);
            order.Property(o => o.DepartmentId).HasMaxLength(64);
            order.Property(o => o.MatterId).HasMaxLength(64);
            order.Property(o => o.HumanAgentId).HasMaxLength(64);
            order.Property(o => o.Rating).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.Comment).HasMaxLength(1000).HoldsPersonalText();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            order.Property(o => o.Note).HasMaxLength(2000).HoldsPersonalText();
            order.Property(o => o.UpdatedBy).HasMaxLength(64);
            order.Ignore(o => o.Next);
            order.HasIndex(o => o.Number).IsUnique();
            order.HasIndex(o => new { o.DepartmentId, o.CreatedAt });
            order.HasIndex(o => new { o.DepartmentId, o.Status });
        });
        modelBuilder.Entity<RatingFollowUp>(followUp =>
        {
            followUp.HasKey(f => f.Id);
            followUp.Property(f => f.Id).ValueGeneratedNever();
            followUp.Property(f => f.Channel).HasMaxLength(64);
            followUp.Property(f => f.ContactedBy).HasMaxLength(64);
            followUp.Property(f => f.Result).HasMaxLength(2000).HoldsPersonalText();
            followUp.HasIndex(f => f.OrderId).IsUnique();
        });
        modelBuilder.Entity<DeadLetter>(letter =>
        {
            letter.HasKey(l => l.Id);
            letter.Property(l => l.Id).ValueGeneratedNever();
            letter.Property(l => l.Change).HasMaxLength(128);
            letter.Property(l => l.Json).HoldsPersonalJson();
            letter.Property(l => l.Error).HasMaxLength(4000);
            letter.HasIndex(l => l.At);
        });
        modelBuilder.Entity<ContentEdit>(edit =>
        {
            edit.HasKey(e => e.Id);
            edit.Property(e => e.Id).ValueGeneratedNever();
            edit.Property(e => e.HumanAgentId).HasMaxLength(64);
            edit.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
            edit.Property(e => e.Wording).HasMaxLength(200).HoldsPersonalText();
            edit.Property(e => e.MatterId).HasMaxLength(64);
            edit.Property(e => e.Topic).HasMaxLength(200);
            edit.Property(e => e.File).HasMaxLength(256);
            edit.Property(e => e.Outcome).HasMaxLength(32);
            edit.Property(e => e.Covers).HasMaxLength(8000).HoldsPersonalText();
            edit.Property(e => e.BuildId).HasMaxLength(64);
            edit.Ignore(e => e.CoveredTexts);
            edit.Ignore(e => e.Succeeded);
            edit.HasIndex(e => e.At);
        });
        modelBuilder.Entity<BuildEvaluation>(evaluation =>
        {
            evaluation.HasKey(e => new { e.BuildId, e.Set });
            evaluation.Property(e => e.BuildId).HasMaxLength(64);
            evaluation.Property(e => e.Set).HasMaxLength(128);
            evaluation.HasIndex(e => e.At);
        });
        modelBuilder.Entity<ReportEpisode>(episode =>
        {
            episode.HasKey(e => e.Id);
            episode.Property(e => e.Id).ValueGeneratedNever();
            episode.Property(e => e.Channel).HasMaxLength(64);
            episode.Property(e => e.DepartmentId).HasMaxLength(64);
            episode.Property(e => e.MatterId).HasMaxLength(64);
            episode.Property(e => e.HumanAgentId).HasMaxLength(64);
            episode.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(32);
            episode.Property(e => e.Rating).HasConversion<string>().HasMaxLength(32);
            episode.Property(e => e.RatingComment).HasMaxLength(1000).HoldsPersonalText();
            episode.Property(e => e.TicketNumber).HasMaxLength(32);
            episode.Property(e => e.Question).HasMaxLength(8000).HoldsPersonalText();
            episode.HasIndex(e => new { e.Day, e.DepartmentId });
        });
        modelBuilder.Entity<ReportDay>(day =>
        {
            day.HasKey(d => d.Day);
            day.Property(d => d.Day).ValueGeneratedNever();
        });
        modelBuilder.Entity<UploadRecord>(upload =>
        {
            upload.HasKey(u => u.Id);
            upload.Property(u => u.Id).ValueGeneratedNever();
            upload.Property(u => u.ConversationId).HasMaxLength(64);
            upload.Property(u => u.Name).HasMaxLength(64);
            upload.Property(u => u.ContentType).HasMaxLength(128);
            upload.Property(u => u.AddressKey).HasMaxLength(64);
            upload.Property(u => u.Sender).HasConversion<string>().HasMaxLength(16);
            upload.Property(u => u.SenderId).HasMaxLength(256);
            upload.Property(u => u.State).HasConversion<string>().HasMaxLength(16);

            // The quotas: a conversation's files, an address's files today, everyone's bytes today (and retention by age).
            upload.HasIndex(u => new { u.ConversationId, u.Name }).IsUnique();
            upload.HasIndex(u => new { u.AddressKey, u.SavedAt });
            upload.HasIndex(u => u.SavedAt);
        });
        PreReviewModel.Configure(modelBuilder);
        Booking.BookingModel.Configure(modelBuilder);
    }
}

/// <summary>SQLite: the default, a file under <c>data/</c>.</summary>
public sealed class SqliteXiaoshenDbContext(DbContextOptions<SqliteXiaoshenDbContext> options) : XiaoshenDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store it as a sortable binary number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL: production and more than one node.</summary>
public sealed class PostgresXiaoshenDbContext(DbContextOptions<PostgresXiaoshenDbContext> options) : XiaoshenDbContext(options);
