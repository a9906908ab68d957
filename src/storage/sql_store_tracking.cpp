// SqlStore's tracking tables: one CommitTracking transaction per step, so an
// engagement's state, its history line, its KPI increments and the
// notifications it causes are either all written or none.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/clock.h"
#include "storage/scan_sql.h"
#include "storage/sql_json.h"
#include "storage/sql_store.h"

namespace craftlink::storage {
namespace {

using sql_json::ListText;
using sql_json::ParseBody;
using sql_json::ParseList;


constexpr char kEngagementColumns[] =
    "id, need_id, org_id, enterprise_id, lead_craftsman_id, state, version, created_at, updated_at, body";

EngagementRow ReadEngagement(const SqlRow& r) {
  EngagementRow e;
  e.id = r.Text(0);
  e.need_id = r.Text(1);
  e.org_id = r.Text(2);
  e.enterprise_id = r.Text(3);
  e.lead_craftsman_id = r.Text(4);
  e.state = r.Text(5);
  e.version = r.Int(6);
  e.created_at = r.Text(7);
  e.updated_at = r.Text(8);
  e.body = ParseBody(r.Text(9));
  if (e.body.contains("member_ids")) {
    for (const auto& m : e.body["member_ids"]) e.member_ids.push_back(m.get<std::string>());
  }
  return e;
}

constexpr char kEventColumns[] = "seq, engagement_id, at, user_id, action, from_state, to_state, detail";

EngagementEventRow ReadEvent(const SqlRow& r) {
  return {r.Int(0),
          std::string(r.Text(1)),
          std::string(r.Text(2)),
          std::string(r.Text(3)),
          std::string(r.Text(4)),
          std::string(r.Text(5)),
          std::string(r.Text(6)),
          ParseBody(r.Text(7))};
}

constexpr char kDocumentColumns[] = "kind, id, org_id, ref_a, ref_b, state, version, created_at, updated_at, body";

DocumentRow ReadDocument(const SqlRow& r) {
  DocumentRow d;
  d.kind = r.Text(0);
  d.id = r.Text(1);
  d.org_id = r.Text(2);
  d.ref_a = r.Text(3);
  d.ref_b = r.Text(4);
  d.state = r.Text(5);
  d.version = r.Int(6);
  d.created_at = r.Text(7);
  d.updated_at = r.Text(8);
  d.body = ParseBody(r.Text(9));
  return d;
}

constexpr char kFollowUpColumns[] = "engagement_id, days, due_date, answered_at, answered_by, holding, benefit";

FollowUpRow ReadFollowUp(const SqlRow& r) {
  FollowUpRow f;
  f.engagement_id = r.Text(0);
  f.days = static_cast<int>(r.Int(1));
  f.due_date = r.Text(2);
  f.answered_at = r.Text(3);
  f.answered_by = r.Text(4);
  f.holding = r.Int(5) != 0;
  f.benefit = ParseBody(r.Text(6));
  return f;
}

using KpiKey = std::tuple<std::string, int, std::string, std::string, std::string>;

// PostgreSQL refuses an upsert that touches one row twice in a statement, so
// increments are summed per cell first.
std::map<KpiKey, int64_t> SumDeltas(const std::vector<KpiDelta>& deltas) {
  std::map<KpiKey, int64_t> sums;
  for (const KpiDelta& d : deltas) sums[{d.org_id, d.year, d.dim, d.key, d.metric}] += d.value;
  return sums;
}

Status AddKpi(SqlConnection& c, const std::vector<KpiDelta>& deltas) {
  constexpr size_t kRowsPerStatement = 100;
  const auto sums = SumDeltas(deltas);
  auto it = sums.begin();
  while (it != sums.end()) {
    std::string sql = "INSERT INTO kpi_cells(org_id, year, dim, key, metric, value) VALUES ";
    std::vector<SqlValue> params;
    for (size_t n = 0; n < kRowsPerStatement && it != sums.end(); ++n, ++it) {
      const auto& [org, year, dim, key, metric] = it->first;
      if (n > 0) sql += ", ";
      const size_t b = params.size();
      sql += "($" + std::to_string(b + 1) + ", $" + std::to_string(b + 2) + ", $" + std::to_string(b + 3) + ", $" +
             std::to_string(b + 4) + ", $" + std::to_string(b + 5) + ", $" + std::to_string(b + 6) + ")";
      params.insert(params.end(), {Text(org), Int(year), Text(dim), Text(key), Text(metric), Int(it->second)});
    }
    sql += " ON CONFLICT (org_id, year, dim, key, metric) DO UPDATE SET value = kpi_cells.value + excluded.value";
    CRAFTLINK_RETURN_IF_ERROR(c.Exec(sql, params));
  }
  return Status::Ok();
}

Result<bool> Exists(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params) {
  bool found = false;
  Status s = c.Query(sql, params, [&](const SqlRow&) {
    found = true;
    return false;
  });
  if (!s.ok()) return s;
  return found;
}

Status MarkServed(SqlConnection& c, const std::vector<ServedMark>& marks, std::vector<KpiDelta>& deltas) {
  for (const ServedMark& m : marks) {
    auto seen = Exists(c, "SELECT 1 FROM kpi_served WHERE org_id = $1 AND year = $2 AND enterprise_id = $3",
                       {Text(m.org_id), Int(m.year), Text(m.enterprise_id)});
    if (!seen.ok()) return seen.status();
    if (*seen) continue;
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("INSERT INTO kpi_served(org_id, year, enterprise_id) VALUES ($1, $2, $3)",
                                     {Text(m.org_id), Int(m.year), Text(m.enterprise_id)}));
    deltas.insert(deltas.end(), m.on_first.begin(), m.on_first.end());
  }
  return Status::Ok();
}

}  // namespace

// Grouped helpers with access to SqlStore's private pieces.
struct TrackingSql {
  static Status WriteEngagement(SqlConnection& c, const EngagementRow& e, int64_t expected_version) {
    int64_t stored = -1;
    CRAFTLINK_RETURN_IF_ERROR(
        c.Query("SELECT version FROM engagements WHERE id = $1", {Text(e.id)}, [&](const SqlRow& r) {
          stored = r.Int(0);
          return false;
        }));
    if (expected_version < 0 && stored >= 0) return Status::Conflict("engagement " + e.id + " already exists");
    if (expected_version >= 0 && stored != expected_version) {
      return Status::Conflict("engagement " + e.id + " was changed by someone else (version " +
                              std::to_string(stored) + ", not " + std::to_string(expected_version) + ")");
    }
    nlohmann::json body = e.body;
    body["member_ids"] = e.member_ids;
    const std::vector<SqlValue> row{Text(e.id),    Text(e.need_id),         Text(e.org_id),
                                    Text(e.enterprise_id), Text(e.lead_craftsman_id), Text(e.state),
                                    Int(e.version), Text(e.created_at), Text(e.updated_at),
                                    Text(body.dump())};
    if (stored < 0) {
      CRAFTLINK_RETURN_IF_ERROR(c.Exec(std::string("INSERT INTO engagements(") + kEngagementColumns +
                                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                       row));
    } else {
      CRAFTLINK_RETURN_IF_ERROR(
          c.Exec("UPDATE engagements SET need_id = $2, org_id = $3, enterprise_id = $4, lead_craftsman_id = $5, "
                 "state = $6, version = $7, created_at = $8, updated_at = $9, body = $10 WHERE id = $1",
                 row));
    }
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("DELETE FROM engagement_members WHERE engagement_id = $1", {Text(e.id)}));
    for (const std::string& m : e.member_ids) {
      CRAFTLINK_RETURN_IF_ERROR(c.Exec(
          "INSERT INTO engagement_members(engagement_id, craftsman_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          {Text(e.id), Text(m)}));
    }
    return Status::Ok();
  }

  static Status WriteDocument(SqlConnection& c, const DocumentRow& d, int64_t expected_version) {
    int64_t stored = -1;
    CRAFTLINK_RETURN_IF_ERROR(c.Query("SELECT version FROM documents WHERE kind = $1 AND id = $2",
                                      {Text(d.kind), Text(d.id)}, [&](const SqlRow& r) {
                                        stored = r.Int(0);
                                        return false;
                                      }));
    if (expected_version < 0 && stored >= 0) return Status::Conflict(d.kind + " " + d.id + " already exists");
    if (expected_version >= 0 && stored != expected_version) {
      return Status::Conflict(d.kind + " " + d.id + " was changed by someone else");
    }
    const std::vector<SqlValue> row{Text(d.kind),  Text(d.id),         Text(d.org_id),      Text(d.ref_a),
                                    Text(d.ref_b), Text(d.state),      Int(d.version),      Text(d.created_at),
                                    Text(d.updated_at), Text(d.body.dump())};
    if (stored < 0) {
      return c.Exec(std::string("INSERT INTO documents(") + kDocumentColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    row);
    }
    return c.Exec("UPDATE documents SET org_id = $3, ref_a = $4, ref_b = $5, state = $6, version = $7, "
                  "created_at = $8, updated_at = $9, body = $10 WHERE kind = $1 AND id = $2",
                  row);
  }

  static Status WriteNotification(SqlConnection& c, const NotificationRow& n, const std::string& now) {
    const std::string payload = n.payload.dump();
    CRAFTLINK_RETURN_IF_ERROR(
        c.Exec("INSERT INTO notifications(recipient, event, title, payload, created_at, read_at) "
               "VALUES ($1, $2, $3, $4, $5, '')",
               {Text(n.recipient), Text(n.event), Text(n.title), Text(payload), Text(n.created_at)}));
    int64_t seq = 0;
    CRAFTLINK_RETURN_IF_ERROR(c.Query("SELECT MAX(seq) FROM notifications", {}, [&](const SqlRow& r) {
      seq = r.Int(0);
      return false;
    }));
    // The outbox: one delivery per subscribed webhook, queued in the same
    // transaction so that a crash can neither lose nor invent a message.
    std::vector<std::pair<std::string, std::vector<std::string>>> hooks;
    CRAFTLINK_RETURN_IF_ERROR(
        c.Query("SELECT id, events FROM webhooks WHERE active = 1 ORDER BY id", {}, [&](const SqlRow& r) {
          hooks.emplace_back(std::string(r.Text(0)), ParseList(r.Text(1)));
          return true;
        }));
    nlohmann::json message{{"seq", seq},           {"event", n.event},           {"recipient", n.recipient},
                           {"title", n.title},     {"payload", n.payload},       {"created_at", n.created_at}};
    for (const auto& [hook_id, events] : hooks) {
      if (!events.empty() && std::find(events.begin(), events.end(), n.event) == events.end()) continue;
      CRAFTLINK_RETURN_IF_ERROR(
          c.Exec("INSERT INTO webhook_deliveries(webhook_id, notification_seq, event, payload, attempts, status, "
                 "next_attempt_at, last_http_status, last_error, updated_at) "
                 "VALUES ($1, $2, $3, $4, 0, 'pending', $5, 0, '', $5)",
                 {Text(hook_id), Int(seq), Text(n.event), Text(message.dump()),
                  Text(n.created_at.empty() ? now : n.created_at)}));
    }
    return Status::Ok();
  }
};

Status SqlStore::WithConnection(const std::function<Status(SqlConnection&)>& read) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  return read(**c);
}

Status SqlStore::CommitTracking(const TrackingWrite& w) {
  const std::string now = NowIso8601();
  return InWriteTransaction([&](SqlConnection& c) -> Status {
    if (w.engagement) CRAFTLINK_RETURN_IF_ERROR(TrackingSql::WriteEngagement(c, *w.engagement, w.engagement_expected_version));
    for (const DocumentWrite& d : w.documents) {
      CRAFTLINK_RETURN_IF_ERROR(TrackingSql::WriteDocument(c, d.row, d.expected_version));
    }
    for (const EngagementEventRow& e : w.events) {
      CRAFTLINK_RETURN_IF_ERROR(
          c.Exec("INSERT INTO engagement_events(engagement_id, at, user_id, action, from_state, to_state, detail) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {Text(e.engagement_id), Text(e.at), Text(e.user_id), Text(e.action), Text(e.from_state),
                  Text(e.to_state), Text(e.detail.dump())}));
    }
    for (const VisitRow& v : w.visits) {
      CRAFTLINK_RETURN_IF_ERROR(c.Exec(
          "INSERT INTO visits(id, engagement_id, visit_date, minutes, place, workers_trained, summary, craftsman_ids, "
          "agreement_id, logged_by, logged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
          {Text(v.id), Text(v.engagement_id), Text(v.visit_date), Int(v.minutes), Text(v.place),
           Int(v.workers_trained), Text(v.summary), Text(ListText(v.craftsman_ids)), Text(v.agreement_id),
           Text(v.logged_by), Text(v.logged_at)}));
    }
    for (const FollowUpRow& f : w.followups) {
      CRAFTLINK_RETURN_IF_ERROR(c.Exec(
          std::string("INSERT INTO followups(") + kFollowUpColumns +
              ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (engagement_id, days) DO UPDATE SET "
              "due_date = excluded.due_date, answered_at = excluded.answered_at, answered_by = excluded.answered_by, "
              "holding = excluded.holding, benefit = excluded.benefit",
          {Text(f.engagement_id), Int(f.days), Text(f.due_date), Text(f.answered_at), Text(f.answered_by),
           Int(f.holding ? 1 : 0), Text(f.benefit.dump())}));
    }
    std::vector<KpiDelta> deltas = w.kpi;
    CRAFTLINK_RETURN_IF_ERROR(MarkServed(c, w.served, deltas));
    CRAFTLINK_RETURN_IF_ERROR(AddKpi(c, deltas));
    for (const NotificationRow& n : w.notifications) CRAFTLINK_RETURN_IF_ERROR(TrackingSql::WriteNotification(c, n, now));
    if (!w.needs.empty() || !w.results.empty()) {
      WriteBatch batch;
      batch.needs = w.needs;
      batch.results = w.results;
      CRAFTLINK_RETURN_IF_ERROR(WriteBatchRows(c, batch));
    }
    return Status::Ok();
  });
}

Result<std::optional<EngagementRow>> SqlStore::GetEngagement(std::string_view id) {
  std::optional<EngagementRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kEngagementColumns + " FROM engagements WHERE id = $1", {Text(id)},
                   [&](const SqlRow& r) {
                     out = ReadEngagement(r);
                     return false;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<EngagementRow>> SqlStore::ListEngagements(const EngagementFilter& f) {
  std::string sql = std::string("SELECT ") + kEngagementColumns + " FROM engagements WHERE 1 = 1";
  std::vector<SqlValue> params;
  auto bind = [&](std::string_view value) { return Bind(params, Text(value)); };
  if (!f.org_ids.empty()) {
    sql += " AND org_id IN (" + BindList(params, f.org_ids) + ")";
  }
  if (!f.need_id.empty()) sql += " AND need_id = " + bind(f.need_id);
  if (!f.enterprise_id.empty()) sql += " AND enterprise_id = " + bind(f.enterprise_id);
  if (!f.state.empty()) sql += " AND state = " + bind(f.state);
  if (!f.craftsman_id.empty()) {
    sql += " AND id IN (SELECT engagement_id FROM engagement_members WHERE craftsman_id = " + bind(f.craftsman_id) + ")";
  }
  if (!f.after_id.empty()) sql += " AND id > " + bind(f.after_id);
  sql += " ORDER BY id";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  std::vector<EngagementRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(sql, params, [&](const SqlRow& r) {
      out.push_back(ReadEngagement(r));
      return true;
    });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<EngagementEventRow>> SqlStore::EngagementEvents(std::string_view engagement_id) {
  std::vector<EngagementEventRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kEventColumns + " FROM engagement_events WHERE engagement_id = $1 ORDER BY seq",
                   {Text(engagement_id)}, [&](const SqlRow& r) {
                     out.push_back(ReadEvent(r));
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<EngagementEventRow>> SqlStore::EngagementEventsAfter(int64_t after_seq,
                                                                        const std::vector<std::string>& actions,
                                                                        size_t limit) {
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM engagement_events WHERE seq > $1";
  std::vector<SqlValue> params{Int(after_seq)};
  if (!actions.empty()) {
    sql += " AND action IN (" + BindList(params, actions) + ")";
  }
  sql += " ORDER BY seq LIMIT " + std::to_string(limit);
  std::vector<EngagementEventRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(sql, params, [&](const SqlRow& r) {
      out.push_back(ReadEvent(r));
      return true;
    });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<VisitRow>> SqlStore::VisitsOf(std::string_view engagement_id) {
  std::vector<VisitRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(
        "SELECT id, engagement_id, visit_date, minutes, place, workers_trained, summary, craftsman_ids, agreement_id, "
        "logged_by, logged_at FROM visits WHERE engagement_id = $1 ORDER BY visit_date, id",
        {Text(engagement_id)}, [&](const SqlRow& r) {
          VisitRow v;
          v.id = r.Text(0);
          v.engagement_id = r.Text(1);
          v.visit_date = r.Text(2);
          v.minutes = r.Int(3);
          v.place = r.Text(4);
          v.workers_trained = r.Int(5);
          v.summary = r.Text(6);
          v.craftsman_ids = ParseList(r.Text(7));
          v.agreement_id = r.Text(8);
          v.logged_by = r.Text(9);
          v.logged_at = r.Text(10);
          out.push_back(std::move(v));
          return true;
        });
  });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> SqlStore::CountVisitsForAgreement(std::string_view agreement_id) {
  int64_t n = 0;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query("SELECT COUNT(*) FROM visits WHERE agreement_id = $1", {Text(agreement_id)}, [&](const SqlRow& r) {
      n = r.Int(0);
      return false;
    });
  });
  if (!s.ok()) return s;
  return n;
}

Result<std::unordered_map<std::string, int>> SqlStore::ActiveEngagementCounts() {
  std::unordered_map<std::string, int> counts;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(
        "SELECT m.craftsman_id, COUNT(*) FROM engagement_members m JOIN engagements e ON e.id = m.engagement_id "
        "WHERE e.state IN ('dispatched', 'accepted', 'scheduled', 'in_service') GROUP BY m.craftsman_id",
        {}, [&](const SqlRow& r) {
          counts[std::string(r.Text(0))] = static_cast<int>(r.Int(1));
          return true;
        });
  });
  if (!s.ok()) return s;
  return counts;
}

Result<std::vector<FollowUpRow>> SqlStore::FollowUpsOf(std::string_view engagement_id) {
  std::vector<FollowUpRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kFollowUpColumns + " FROM followups WHERE engagement_id = $1 ORDER BY days",
                   {Text(engagement_id)}, [&](const SqlRow& r) {
                     out.push_back(ReadFollowUp(r));
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<FollowUpRow>> SqlStore::DueFollowUps(std::string_view date, size_t limit) {
  std::vector<FollowUpRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kFollowUpColumns +
                       " FROM followups WHERE answered_at = '' AND due_date <= $1 ORDER BY due_date, engagement_id "
                       "LIMIT " + std::to_string(limit),
                   {Text(date)}, [&](const SqlRow& r) {
                     out.push_back(ReadFollowUp(r));
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<KpiCell>> SqlStore::KpiCells(std::string_view org_id, int year) {
  std::vector<KpiCell> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query("SELECT dim, key, metric, value FROM kpi_cells WHERE org_id = $1 AND year = $2",
                   {Text(org_id), Int(year)}, [&](const SqlRow& r) {
                     out.push_back({std::string(r.Text(0)), std::string(r.Text(1)), std::string(r.Text(2)), r.Int(3)});
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Status SqlStore::ReplaceKpi(const std::vector<KpiDelta>& cells, const std::vector<ServedMark>& served) {
  return InWriteTransaction([&](SqlConnection& c) -> Status {
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("DELETE FROM kpi_cells"));
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("DELETE FROM kpi_served"));
    std::vector<KpiDelta> deltas = cells;
    std::vector<std::vector<SqlValue>> rows;
    for (const ServedMark& m : served) {
      rows.push_back({Text(m.org_id), Int(m.year), Text(m.enterprise_id)});
      deltas.insert(deltas.end(), m.on_first.begin(), m.on_first.end());
    }
    static const UpsertSpec kServed{"kpi_served", {"org_id", "year", "enterprise_id"}, {}};
    if (!rows.empty()) CRAFTLINK_RETURN_IF_ERROR(c.WriteRows(kServed, rows));
    return AddKpi(c, deltas);
  });
}

Status SqlStore::PutTarget(std::string_view org_id, int year, std::string_view metric, int64_t target) {
  return InWriteTransaction([&](SqlConnection& c) {
    return c.Exec("INSERT INTO targets(org_id, year, metric, target) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT (org_id, year, metric) DO UPDATE SET target = excluded.target",
                  {Text(org_id), Int(year), Text(metric), Int(target)});
  });
}

Result<std::vector<std::pair<std::string, int64_t>>> SqlStore::Targets(std::string_view org_id, int year) {
  std::vector<std::pair<std::string, int64_t>> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query("SELECT metric, target FROM targets WHERE org_id = $1 AND year = $2 ORDER BY metric",
                   {Text(org_id), Int(year)}, [&](const SqlRow& r) {
                     out.emplace_back(std::string(r.Text(0)), r.Int(1));
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<DocumentRow>> SqlStore::GetDocument(std::string_view kind, std::string_view id) {
  std::optional<DocumentRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE kind = $1 AND id = $2",
                   {Text(kind), Text(id)}, [&](const SqlRow& r) {
                     out = ReadDocument(r);
                     return false;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<DocumentRow>> SqlStore::ListDocuments(const DocumentFilter& f) {
  std::vector<DocumentRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    std::vector<SqlValue> params{Text(f.kind)};
    auto bind = [&](std::string_view value) { return Bind(params, Text(value)); };
    // The ref_b order compares bytes on both backends, as the v6 index does.
    auto bytes = [&](const char* column) { return Bytewise(column, c.dialect()); };
    std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE kind = $1";
    if (!f.org_ids.empty()) sql += " AND org_id IN (" + BindList(params, f.org_ids) + ")";
    if (!f.ref_a.empty()) sql += " AND ref_a = " + bind(f.ref_a);
    if (!f.ref_b.empty()) sql += " AND ref_b = " + bind(f.ref_b);
    if (!f.ref_b_from.empty()) sql += " AND " + bytes("ref_b") + " >= " + bind(f.ref_b_from);
    if (!f.ref_b_to.empty()) sql += " AND " + bytes("ref_b") + " <= " + bind(f.ref_b_to);
    if (!f.order_by_ref_b) {
      if (!f.after_id.empty()) sql += " AND id > " + bind(f.after_id);
      sql += " ORDER BY id";
    } else {
      const char* direction = f.descending ? " DESC" : "";
      if (!f.after_id.empty()) {
        const std::string value = bind(f.after_ref_b);
        sql += " AND (" + bytes("ref_b") + ", " + bytes("id") + (f.descending ? ") < (" : ") > (") + value + ", " +
               bind(f.after_id) + ")";
      }
      sql += " ORDER BY " + bytes("ref_b") + direction + ", " + bytes("id") + direction;
    }
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
    return c.Query(sql, params, [&](const SqlRow& r) {
      out.push_back(ReadDocument(r));
      return true;
    });
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace craftlink::storage
