#include "modules/crm/service/export_service.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/crm/exchange/csv.hpp"
#include "modules/crm/exchange/xlsx_writer.hpp"
#include "modules/crm/model/export_row.hpp"
#include "modules/crm/storage/client_store.hpp"

namespace comptoir::crm {

Result<ExportFile> ExportService::export_clients(const Actor& actor, ClientListQuery query, const std::string& format) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (format != "csv" && format != "xlsx")
        return fail(Error::invalid_field("format", "format.invalid", "Format inconnu : csv ou xlsx.",
                                         "Unknown format: csv or xlsx."));
    query.cursor.clear();
    auto conn = db_.acquire();
    // The clients the list would show, in its order, every page of it.
    std::vector<std::int64_t> ids;
    query.limit = 1000;
    for (;;) {
        auto page = storage::list_clients(*conn, fulltext_, actor.company_id, query);
        for (const auto& item : page.items) ids.push_back(item.id);
        if (page.next_cursor.empty()) break;
        query.cursor = page.next_cursor;
    }
    ExportLookups lookups;
    for (const auto& r : conn->query("SELECT id, name FROM categories WHERE company_id = ?", {actor.company_id}))
        lookups.category_names[r.int64(0)] = r.text(1);
    for (const auto& r : conn->query("SELECT id, email FROM users WHERE company_id = ?", {actor.company_id}))
        lookups.user_emails[r.int64(0)] = r.text(1);

    // As many contact column groups as the client with the most contacts needs (at least one, so the
    // file shows where contacts go).
    int groups = 1;
    for (std::size_t start = 0; start < ids.size(); start += 5000) {
        std::vector<std::int64_t> part(ids.begin() + start, ids.begin() + std::min(ids.size(), start + 5000));
        for (const auto& r : conn->query("SELECT COUNT(*) FROM contacts WHERE company_id = ? AND client_id " +
                                             storage::id_in(conn->dialect()) + " GROUP BY client_id ORDER BY 1 DESC LIMIT 1",
                                         {actor.company_id, storage::id_list_value(conn->dialect(), part)}))
            groups = std::max(groups, static_cast<int>(r.int64(0)));
    }
    const auto keys = export_keys(groups);
    const auto header = export_header(keys, actor.locale);
    const std::string stamp = today_paris();

    ExportFile file;
    file.count = ids.size();
    auto each_row = [&](auto&& emit) {
        for (std::size_t start = 0; start < ids.size(); start += 500) {
            std::vector<std::int64_t> part(ids.begin() + start, ids.begin() + std::min(ids.size(), start + 500));
            for (const auto& c : storage::find_clients(*conn, actor.company_id, part))
                emit(export_row(keys, c, lookups, actor.locale));
        }
    };
    if (format == "csv") {
        // UTF-8 with a byte-order mark and ';': French Excel opens it with accents and columns right.
        std::string& out = file.bytes;
        out = "\xEF\xBB\xBF";
        auto line = [&](const std::vector<std::string>& cells) {
            for (std::size_t i = 0; i < cells.size(); ++i)
                out += (i ? ";" : "") + exchange::csv_field(exchange::defuse_formula(cells[i]), ';');
            out += "\r\n";
        };
        line(header);
        each_row(line);
        file.content_type = "text/csv; charset=utf-8";
        file.file_name = "clients-" + stamp + ".csv";
    } else {
        exchange::XlsxWriter writer(actor.locale == "en" ? "Clients" : "Clients", header, temp_dir_);
        each_row([&](const std::vector<std::string>& cells) { writer.add_row(cells); });
        file.bytes = writer.finish();
        file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        file.file_name = "clients-" + stamp + ".xlsx";
    }
    // Recorded after the file is built: an export that failed copied nothing.
    store::with_transaction(db_, true, [&](store::Connection& c) {
        audit::record(c, actor, "client_export", 0, "export",
                      {{"format", format}, {"count", file.count}, {"q", query.q}, {"status", query.status},
                       {"category_id", query.category_id ? nlohmann::json(*query.category_id) : nlohmann::json(nullptr)},
                       {"assigned_user_id", query.assigned_user_id ? nlohmann::json(*query.assigned_user_id)
                                                                   : nlohmann::json(nullptr)},
                       {"archived", query.archived}});
    });
    return file;
}

}  // namespace comptoir::crm
