#include "auditor/store/inventory_store.h"

#include <map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "auditor/core/time_format.h"

namespace attt::store {

namespace {

void upsert_unit(SQLite::Database& db, const inventory::Unit& unit) {
    SQLite::Statement st(
        db,
        "INSERT INTO units (id, name, kind) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind");
    st.bind(1, unit.id);
    st.bind(2, unit.name);
    st.bind(3, unit.kind);
    st.exec();
}

bool system_exists(SQLite::Database& db, const std::string& id) {
    SQLite::Statement st(db, "SELECT 1 FROM systems WHERE id = ?");
    st.bind(1, id);
    return st.executeStep();
}

void upsert_system(SQLite::Database& db, const inventory::System& s, const std::string& now) {
    SQLite::Statement st(
        db,
        "INSERT INTO systems (id, name, unit_id, owner, contact, level, approval_status,"
        " decision_no, decision_date, legal_basis, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,"
        " owner = excluded.owner, contact = excluded.contact, level = excluded.level,"
        " approval_status = excluded.approval_status, decision_no = excluded.decision_no,"
        " decision_date = excluded.decision_date, legal_basis = excluded.legal_basis,"
        " imported_at = excluded.imported_at");
    st.bind(1, s.id);
    st.bind(2, s.name);
    st.bind(3, s.unit_id);
    st.bind(4, s.owner);
    st.bind(5, s.contact);
    st.bind(6, s.level);
    st.bind(7, std::string(to_string(s.approval)));
    st.bind(8, s.decision_no);
    st.bind(9, s.decision_date);
    st.bind(10, s.legal_basis);
    st.bind(11, now);
    st.exec();
}

void replace_endpoints(SQLite::Database& db, const inventory::System& s) {
    SQLite::Statement del(db, "DELETE FROM endpoints WHERE system_id = ?");
    del.bind(1, s.id);
    del.exec();
    SQLite::Statement ins(
        db, "INSERT INTO endpoints (system_id, host, port, service, sni) VALUES (?, ?, ?, ?, ?)");
    for (const auto& e : s.endpoints) {
        ins.bind(1, s.id);
        ins.bind(2, e.host);
        ins.bind(3, static_cast<int>(e.port));
        ins.bind(4, e.service);
        ins.bind(5, e.sni);
        ins.exec();
        ins.reset();
    }
}

}  // namespace

ImportSummary import_inventory(Database& db, const inventory::Inventory& inventory, TimePoint now) {
    ImportSummary summary;
    const std::string at = format_utc(now);
    SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    for (const auto& unit : inventory.units) {
        upsert_unit(db.sql(), unit);
        ++summary.units;
    }
    for (const auto& system : inventory.systems) {
        (system_exists(db.sql(), system.id) ? summary.systems_updated : summary.systems_added)++;
        upsert_system(db.sql(), system, at);
        replace_endpoints(db.sql(), system);
        summary.endpoints += system.endpoints.size();
    }
    tx.commit();
    return summary;
}

std::vector<inventory::Unit> load_units(Database& db) {
    std::vector<inventory::Unit> units;
    SQLite::Statement st(db.sql(), "SELECT id, name, kind FROM units ORDER BY id");
    while (st.executeStep()) {
        units.push_back({st.getColumn(0).getString(),
                         st.getColumn(1).getString(),
                         st.getColumn(2).getString()});
    }
    return units;
}

std::vector<inventory::System> load_systems(Database& db) {
    std::vector<inventory::System> systems;
    std::map<std::string, std::size_t> index;
    SQLite::Statement st(
        db.sql(),
        "SELECT id, name, unit_id, owner, contact, level, approval_status, decision_no,"
        " decision_date, legal_basis FROM systems ORDER BY id");
    while (st.executeStep()) {
        inventory::System s;
        s.id = st.getColumn(0).getString();
        s.name = st.getColumn(1).getString();
        s.unit_id = st.getColumn(2).getString();
        s.owner = st.getColumn(3).getString();
        s.contact = st.getColumn(4).getString();
        s.level = st.getColumn(5).getInt();
        s.approval = inventory::parse_approval_status(st.getColumn(6).getString())
                         .value_or(inventory::ApprovalStatus::NotSubmitted);
        s.decision_no = st.getColumn(7).getString();
        s.decision_date = st.getColumn(8).getString();
        s.legal_basis = st.getColumn(9).getString();
        index[s.id] = systems.size();
        systems.push_back(std::move(s));
    }
    SQLite::Statement ep(
        db.sql(),
        "SELECT system_id, host, port, service, sni FROM endpoints ORDER BY system_id, id");
    while (ep.executeStep()) {
        auto it = index.find(ep.getColumn(0).getString());
        if (it == index.end()) {
            continue;
        }
        systems[it->second].endpoints.push_back(
            {ep.getColumn(1).getString(),
             static_cast<std::uint16_t>(ep.getColumn(2).getInt()),
             ep.getColumn(3).getString(),
             ep.getColumn(4).getString()});
    }
    return systems;
}

}  // namespace attt::store
