// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { migrate } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (npm start migrates the embedded database by itself.)");
  process.exit(1);
}
migrate(url, { log: (line) => console.log(line) })
  .then((applied) => console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date."))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
