import "server-only";
// Labels for an incident's History: its actions and the fields the shared catalog does not name.
import { getTranslations } from "next-intl/server";

export async function incidentHistoryLabels(): Promise<{ actions: Record<string, string>; fields: Record<string, string> }> {
  const t = await getTranslations("incidentForm.history");
  return {
    actions: {
      "incident.create": t("action.create"),
      "incident.update": t("action.update"),
      "incident.delete": t("action.delete"),
      "incident.restore": t("action.restore"),
    },
    fields: {
      country: t("field.country"),
      reportedDetained: t("field.reportedDetained"),
      reportedDetainedNote: t("field.reportedDetainedNote"),
      description: t("field.description"),
    },
  };
}
