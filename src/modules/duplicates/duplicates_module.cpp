#include "modules/duplicates/duplicates_module.hpp"

#include "modules/duplicates/api/duplicate_api.hpp"
#include "modules/duplicates/http/duplicate_pages.hpp"
#include "modules/duplicates/service/duplicate_service.hpp"

namespace comptoir::duplicates {
namespace {

// One row per member set proposed by a scan (`member_key`: the sorted client ids, unique per
// company), so a rescan finds what it already proposed: open groups are refreshed, dismissed and
// merged ones are never proposed again. `evidence` is a JSON array ("email:a@b.fr", ...).
constexpr const char* kTables = R"SQL(
CREATE TABLE duplicate_groups (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  member_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  score INTEGER NOT NULL,
  evidence TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  found_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  decided_at TEXT NOT NULL DEFAULT '',
  decided_by BIGINT,
  UNIQUE (company_id, member_key)
);
CREATE INDEX duplicate_groups_by_score ON duplicate_groups (company_id, status, score, id);

CREATE TABLE duplicate_members (
  company_id BIGINT NOT NULL,
  group_id BIGINT NOT NULL REFERENCES duplicate_groups(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  PRIMARY KEY (group_id, client_id)
) {{NO_ROWID}};
CREATE INDEX duplicate_members_by_client ON duplicate_members (company_id, client_id);

CREATE TABLE duplicate_scans (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  started_by BIGINT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  clients BIGINT NOT NULL DEFAULT 0,
  groups_found BIGINT NOT NULL DEFAULT 0,
  groups_new BIGINT NOT NULL DEFAULT 0,
  groups_open BIGINT NOT NULL DEFAULT 0,
  skipped_dismissed BIGINT NOT NULL DEFAULT 0,
  too_large BIGINT NOT NULL DEFAULT 0,
  duration_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX duplicate_scans_by_company ON duplicate_scans (company_id, id);
)SQL";

// One row per merge, kept after an undo: the cards of every member as they were (JSON images), the
// rows moved per table and absorbed client (ids), so that the undo restores exactly; the survivor's
// card just after the merge (`survivor_after`) tells whether it has been changed since.
constexpr const char* kMerges = R"SQL(
CREATE TABLE duplicate_merges (
  id {{ID}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  group_id BIGINT NOT NULL REFERENCES duplicate_groups(id),
  survivor_id BIGINT NOT NULL REFERENCES clients(id),
  absorbed TEXT NOT NULL,
  choices TEXT NOT NULL,
  before_cards TEXT NOT NULL,
  moved_rows TEXT NOT NULL,
  status TEXT NOT NULL,
  merged_at TEXT NOT NULL,
  merged_by BIGINT,
  survivor_after TEXT NOT NULL,
  undone_at TEXT NOT NULL DEFAULT '',
  undone_by BIGINT
);
CREATE INDEX duplicate_merges_by_group ON duplicate_merges (company_id, group_id, id);
)SQL";

}  // namespace

DuplicatesModule::DuplicatesModule(store::Database& db, crm::ClientService& clients)
    : service_(std::make_unique<DuplicateService>(db, &clients)), clients_(clients) {}
DuplicatesModule::~DuplicatesModule() = default;

std::vector<store::Migration> DuplicatesModule::migrations() { return {{"duplicates/0001_review_folder", kTables}, {"duplicates/0002_merges", kMerges}};
}

DuplicateService& DuplicatesModule::duplicates() { return *service_; }

void DuplicatesModule::register_routes(http::WebServer& web) {
    register_duplicate_api(web, *service_);
    register_duplicate_pages(web, *service_, clients_);
}

}  // namespace comptoir::duplicates
