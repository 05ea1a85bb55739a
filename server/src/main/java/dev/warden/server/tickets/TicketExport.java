package dev.warden.server.tickets;

import dev.warden.server.shared.Exports;
import java.util.List;

/** The columns of a tickets export, in the order an analyst reads a ticket. */
final class TicketExport {
    static final List<Exports.Column<TicketView>> COLUMNS = List.of(
            new Exports.Column<>("key", TicketView::key),
            new Exports.Column<>("type", TicketView::type),
            new Exports.Column<>("partner", TicketView::partner),
            new Exports.Column<>("app", TicketView::app),
            new Exports.Column<>("hosting", TicketView::hosting),
            new Exports.Column<>("title", TicketView::title),
            new Exports.Column<>("status", TicketView::status),
            new Exports.Column<>("severity", TicketView::severity),
            new Exports.Column<>("score", TicketView::score),
            new Exports.Column<>("policyVersion", TicketView::policyVersion),
            new Exports.Column<>("reportedAt", TicketView::reportedAt),
            new Exports.Column<>("clockStartAt", TicketView::clockStartAt),
            new Exports.Column<>("dueAt", TicketView::dueAt),
            new Exports.Column<>("overdue", TicketView::overdue),
            new Exports.Column<>("breachedAt", TicketView::breachedAt),
            new Exports.Column<>("triageDueAt", TicketView::triageDueAt),
            new Exports.Column<>("assignees", t -> String.join(" ", t.assignees())));

    private TicketExport() {}
}
