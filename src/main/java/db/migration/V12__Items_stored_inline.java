package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * PostgreSQL only: an item row (its HTML is typically a few KB) is stored as it is, inline, instead of PostgreSQL
 * compressing every row over 2 KB as it is inserted. That compression took 15 % of the database's CPU time in the
 * ingest benchmark; the rows stay within a page, and the few over 8 KB are still compressed and moved out of line.
 * H2 has no such setting.
 */
public class V12__Items_stored_inline extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE items SET (toast_tuple_target = 8160)");
        }
    }
}
