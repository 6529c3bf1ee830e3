package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.RestError;
import io.ghlsync.sandbox.rest.RestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic chatbot leads, the same for the same seed: Spanish and Portuguese names, Argentine, Mexican and Brazilian
 * phones as people type them, tags, notes and tasks. Some leads are the same person again (a second chat), found by
 * email (typed in another case, no phone) or by phone (no email), so a sync can be checked for duplicates.
 */
public final class LeadGenerator {

    /** What to generate; rates are fractions of the leads (0.10 = 10%). */
    public record Plan(int leads, long seed, double duplicateEmailRate, double duplicatePhoneRate, int maxTags, int maxNotes,
            int maxTasks) {
        public Plan {
            if (leads < 1 || leads > 100_000) {
                throw RestError.badRequest("count must be between 1 and 100000", "count");
            }
            if (duplicateEmailRate < 0 || duplicatePhoneRate < 0 || duplicateEmailRate + duplicatePhoneRate > 0.9) {
                throw RestError.badRequest("duplicate rates must be >= 0 and add up to at most 0.9", "duplicateEmailRate");
            }
            if (maxTags < 0 || maxNotes < 0 || maxTasks < 0 || maxTags > 10 || maxNotes > 10 || maxTasks > 10) {
                throw RestError.badRequest("maxTags, maxNotes and maxTasks must be between 0 and 10", "maxTags");
            }
        }

        public static Plan standard(int leads, long seed) {
            return new Plan(leads, seed, 0.10, 0.05, 3, 2, 1);
        }
    }

    /** One generated lead, with the person it belongs to (several leads may share one) and what hangs off it. */
    record Generated(ObjectNode lead, int person, List<ObjectNode> notes, List<ObjectNode> tasks) {
    }

    private static final String[] FIRST_ES = {"María José", "Juan Pablo", "Lucía", "Martín", "Sofía", "Mateo", "Valentina",
            "Santiago", "Camila", "Joaquín", "Florencia", "Agustín", "Ximena", "Diego", "Guadalupe", "Tomás", "Renata"};
    private static final String[] LAST_ES = {"Pérez", "González", "Rodríguez", "Fernández", "López", "Martínez", "Sánchez",
            "Gómez", "Díaz", "Álvarez", "Romero", "Hernández", "Muñoz", "Ibáñez", "Castañeda"};
    private static final String[] FIRST_PT = {"João", "Ana Clara", "Luís", "Beatriz", "Gonçalo", "Mariana", "Thiago",
            "Larissa", "Conceição", "Vinícius", "Letícia", "Caio"};
    private static final String[] LAST_PT = {"Silva", "Santos", "Oliveira", "Souza", "Conceição", "Araújo", "Magalhães",
            "Gonçalves", "Brandão", "Figueiredo"};
    private static final String[] DOMAINS = {"gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "uol.com.br",
            "empresa.com.mx"};
    private static final String[] TAGS = {"web", "pricing", "demo", "whatsapp", "newsletter", "urgente", "orçamento",
            "enterprise", "pyme", "seguimiento"};
    private static final String[] CHANNELS = {"web", "web", "whatsapp", "facebook", "instagram"};
    private static final String[] STATUSES = {"new", "new", "open", "contacted", "qualified"};
    private static final String[] NOTES = {"Pidió presupuesto para el plan anual.", "Quer uma demonstração na sexta-feira.",
            "Consulta por integración con WhatsApp.", "Llamar después de las 18 hs.", "Interessado no plano empresarial."};
    private static final String[] TASKS = {"Llamar al lead", "Enviar propuesta", "Ligar para o cliente", "Agendar demo"};

    private LeadGenerator() {
    }

    static List<Generated> generate(Plan plan) {
        Random random = new Random(plan.seed());
        List<ObjectNode> people = new ArrayList<>();
        List<Generated> out = new ArrayList<>(plan.leads());
        for (int i = 0; i < plan.leads(); i++) {
            double roll = random.nextDouble();
            ObjectNode lead;
            int person;
            if (!people.isEmpty() && roll < plan.duplicateEmailRate()) {
                person = random.nextInt(people.size());
                lead = people.get(person).deepCopy();
                lead.put("email", lead.get("email").asText().toUpperCase(Locale.ROOT));
                lead.remove("phone");
            } else if (!people.isEmpty() && roll < plan.duplicateEmailRate() + plan.duplicatePhoneRate()) {
                person = random.nextInt(people.size());
                lead = people.get(person).deepCopy();
                lead.remove("email");
            } else {
                person = people.size();
                lead = person(random, person);
                people.add(lead.deepCopy());
            }
            lead.put("channel", pick(random, CHANNELS));
            lead.put("status", pick(random, STATUSES));
            var tags = lead.putArray("tags");
            int tagCount = random.nextInt(plan.maxTags() + 1);
            for (int t = 0; t < tagCount; t++) {
                String tag = pick(random, TAGS);
                if (!tags.toString().contains("\"" + tag + "\"")) {
                    tags.add(tag);
                }
            }
            out.add(new Generated(lead, person, notes(random, plan.maxNotes()), tasks(random, plan.maxTasks(), i)));
        }
        return out;
    }

    private static ObjectNode person(Random random, int n) {
        boolean portuguese = random.nextInt(3) == 0;
        String first = pick(random, portuguese ? FIRST_PT : FIRST_ES);
        String last = pick(random, portuguese ? LAST_PT : LAST_ES);
        ObjectNode lead = RestJson.object();
        lead.put("name", first + " " + last);
        // the person number keeps generated emails unique, so only the planned duplicates share one
        lead.put("email", ascii(first.split(" ")[0] + "." + last) + n + "@" + pick(random, DOMAINS));
        lead.put("phone", portuguese ? brazilianPhone(random) : random.nextBoolean() ? argentinePhone(random) : mexicanPhone(random));
        lead.put("website", portuguese ? "https://www.acme.com.br/contato" : "https://www.acme.com.ar/precios");
        if (random.nextInt(4) == 0) {
            lead.putObject("customFields").put("budget", pick(random, new String[] {"< 1000 USD", "1000-5000 USD", "> 5000 USD"}));
        }
        return lead;
    }

    /** As typed in a chat: international with the mobile 9, or local with 011 / (11). */
    private static String argentinePhone(Random random) {
        String a = digits(random, 4);
        // a Buenos Aires line: after the area code 11 it starts with 4 (9 and 15 are mobile prefixes, invalid here)
        a = "4" + a.substring(1);
        String b = digits(random, 4);
        return switch (random.nextInt(3)) {
            case 0 -> "+54 9 11 " + a + "-" + b;
            case 1 -> "011 " + a + "-" + b;
            default -> "(11) " + a + "-" + b;
        };
    }

    /** Always with +52: the lead mapping reads numbers without a country code as Argentine. */
    private static String mexicanPhone(Random random) {
        return "+52 55 " + digits(random, 4) + " " + digits(random, 4);
    }

    private static String brazilianPhone(Random random) {
        return "+55 11 9" + digits(random, 4) + "-" + digits(random, 4);
    }

    private static List<ObjectNode> notes(Random random, int max) {
        List<ObjectNode> notes = new ArrayList<>();
        int count = random.nextInt(max + 1);
        for (int n = 0; n < count; n++) {
            ObjectNode note = RestJson.object();
            note.put("content", pick(random, NOTES));
            note.put("author", random.nextBoolean() ? "Cliengo bot" : "ventas@acme.com.ar");
            notes.add(note);
        }
        return notes;
    }

    private static List<ObjectNode> tasks(Random random, int max, int index) {
        List<ObjectNode> tasks = new ArrayList<>();
        int count = random.nextInt(max + 1);
        for (int t = 0; t < count; t++) {
            ObjectNode task = RestJson.object();
            task.put("title", pick(random, TASKS));
            task.put("description", "Seguimiento del lead " + (index + 1));
            task.put("dueAt", String.format(Locale.ROOT, "2030-%02d-%02dT15:00:00-03:00", 1 + random.nextInt(12), 1 + random.nextInt(28)));
            task.put("status", "pending");
            task.put("assignee", "ventas@acme.com.ar");
            tasks.add(task);
        }
        return tasks;
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder();
        out.append(1 + random.nextInt(9));
        for (int i = 1; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^A-Za-z.]", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
