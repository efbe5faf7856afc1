package dev.asyncorm.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;

import dev.asyncorm.AsyncQuerySet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Values are coerced as Django coerces them: a date given for a date and time is midnight of
 * that date, a number compared as text is compared by its text, and a string that converts to
 * the field's type is accepted wherever a value is.
 */
class CoercionIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final LocalDate TENTH = LocalDate.of(2024, 3, 10);

	@Autowired
	private ShipmentRepository shipments;

	@BeforeEach
	void emptyShipments() {
		this.transactionTemplate.executeWithoutResult(
				(status) -> this.entityManager.createQuery("delete from Shipment").executeUpdate());
	}

	private Shipment shipment(String label, Integer weight, LocalDateTime departedAt, Instant arrivedAt) {
		return persist(new Shipment(label, weight, departedAt, arrivedAt));
	}

	@Test
	void aDateGivenForADateAndTimeIsMidnightOfThatDate() {
		shipment("midnight", 1, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("before", 2, TENTH.atStartOfDay().minusSeconds(1), Instant.EPOCH);
		shipment("morning", 3, TENTH.atTime(8, 30), Instant.EPOCH);
		shipment("next", 4, TENTH.plusDays(1).atStartOfDay(), Instant.EPOCH);

		assertThat(labels(this.shipments.filter("departedAt", TENTH))).containsExactly("midnight");
		assertThat(labels(this.shipments.filter("departedAt", "2024-03-10"))).containsExactly("midnight");
		assertThat(labels(this.shipments.filter("departedAt__gt", TENTH))).containsExactly("morning", "next");
		assertThat(labels(this.shipments.filter("departedAt__lte", TENTH))).containsExactly("before", "midnight");
		assertThat(labels(this.shipments.filter("departedAt__range", List.of(TENTH, TENTH.plusDays(1)))))
			.containsExactly("midnight", "morning", "next");
		assertThat(labels(this.shipments.filter("departedAt__in", List.of(TENTH, "2024-03-11"))))
			.containsExactly("midnight", "next");
		assertThat(labels(this.shipments.exclude("departedAt", TENTH))).containsExactly("before", "morning", "next");
	}

	@Test
	void aDateGivenForAnInstantIsMidnightInTheDefaultTimeZone() {
		Instant tokyoMidnight = Instant.parse("2024-03-09T15:00:00Z");
		shipment("tokyo midnight", 1, TENTH.atStartOfDay(), tokyoMidnight);
		shipment("utc midnight", 2, TENTH.atStartOfDay(), Instant.parse("2024-03-10T00:00:00Z"));
		shipment("earlier", 3, TENTH.atStartOfDay(), tokyoMidnight.minusSeconds(1));

		assertThat(labels(inTokyo(() -> this.shipments.filter("arrivedAt", TENTH)))).containsExactly("tokyo midnight");
		assertThat(labels(inTokyo(() -> this.shipments.filter("arrivedAt__gt", TENTH)))).containsExactly("utc midnight");
		assertThat(labels(inTokyo(() -> this.shipments.filter("arrivedAt__range", List.of(TENTH, TENTH)))))
			.containsExactly("tokyo midnight");
		assertThat(labels(inTokyo(() -> this.shipments.filter("arrivedAt__in", List.of("2024-03-10", TENTH.plusDays(1))))))
			.containsExactly("tokyo midnight");
		assertThat(labels(inTokyo(() -> this.shipments.filter("arrivedAt__lt", TENTH)))).containsExactly("earlier");
	}

	/** Builds a queryset while the JVM's default time zone is Tokyo's (UTC+9), then restores it. */
	private static AsyncQuerySet<Shipment> inTokyo(Supplier<AsyncQuerySet<Shipment>> build) {
		TimeZone zone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
		try {
			return build.get();
		}
		finally {
			TimeZone.setDefault(zone);
		}
	}

	@Test
	void aNumberComparedAsTextIsComparedByItsTextAsDjangoCastsTheColumn() {
		shipment("three", 3, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("thirteen", 13, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("thirty", 30, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("forty-five", 45, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("unweighed", null, TENTH.atStartOfDay(), Instant.EPOCH);

		assertThat(labels(this.shipments.filter("weight__contains", 3))).containsExactly("thirteen", "thirty", "three");
		assertThat(labels(this.shipments.filter("weight__icontains", "3"))).containsExactly("thirteen", "thirty", "three");
		assertThat(labels(this.shipments.filter("weight__startswith", 3))).containsExactly("thirty", "three");
		assertThat(labels(this.shipments.filter("weight__istartswith", "4"))).containsExactly("forty-five");
		assertThat(labels(this.shipments.filter("weight__endswith", "3"))).containsExactly("thirteen", "three");
		assertThat(labels(this.shipments.filter("weight__iendswith", 5))).containsExactly("forty-five");
		assertThat(labels(this.shipments.filter("weight__iexact", "13"))).containsExactly("thirteen");
		assertThat(labels(this.shipments.filter("weight__regex", "^[34]"))).containsExactly("forty-five", "thirty", "three");
		assertThat(labels(this.shipments.filter("weight__iregex", "0$"))).containsExactly("thirty");
		assertThat(labels(this.shipments.exclude("weight__contains", 3))).containsExactly("forty-five", "unweighed");
	}

	@Test
	void aStringThatConvertsToTheFieldsTypeIsAcceptedWhereverAValueIs() {
		Shipment three = shipment("three", 3, TENTH.atStartOfDay(), Instant.EPOCH);
		Shipment thirteen = shipment("thirteen", 13, TENTH.atStartOfDay(), Instant.EPOCH);
		shipment("thirty", 30, TENTH.atStartOfDay(), Instant.EPOCH);
		String id = String.valueOf(three.getId());

		assertThat(labels(this.shipments.filter("id", id))).containsExactly("three");
		assertThat(labels(this.shipments.filter("pk__in", List.of(id, String.valueOf(thirteen.getId())))))
			.containsExactly("thirteen", "three");
		assertThat(labels(this.shipments.filter("weight__gt", "12"))).containsExactly("thirteen", "thirty");
		assertThat(labels(this.shipments.filter("weight__range", List.of("10", "30")))).containsExactly("thirteen", "thirty");
		assertThat(this.shipments.get("pk", id)).succeedsWithin(TIMEOUT)
			.satisfies((shipment) -> assertThat(shipment.getLabel()).isEqualTo("three"));
		assertThat(this.shipments.filter("label", "three").get("id", id)).succeedsWithin(TIMEOUT)
			.satisfies((shipment) -> assertThat(shipment.getId()).isEqualTo(three.getId()));
		assertThat(this.shipments.inBulk(List.of(id))).succeedsWithin(TIMEOUT)
			.satisfies((rows) -> assertThat(rows).containsOnlyKeys(three.getId()));
		assertThat(this.shipments.filter("id", id).update(Map.of("weight", "4"))).succeedsWithin(TIMEOUT).isEqualTo(1L);
		assertThat(this.shipments.create(Map.of("label", "new", "weight", "5", "departedAt", "2024-03-10",
				"arrivedAt", "2024-03-10T00:00:00Z")))
			.succeedsWithin(TIMEOUT)
			.satisfies((shipment) -> assertThat(shipment.getDepartedAt()).isEqualTo(TENTH.atStartOfDay()));
		assertThat(this.shipments.orderBy("label").valuesList("weight", Integer.class).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(5, 13, 30, 4));

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.shipments.filter("weight", "three"))
			.withMessage("Field 'weight' expected a Integer but got String 'three'.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.shipments.filter("departedAt__gt", "tenth of March"))
			.withMessageStartingWith("Field 'departedAt__gt' expected a LocalDateTime but got String 'tenth of March'.");
	}

	private List<String> labels(AsyncQuerySet<Shipment> queryset) {
		return queryset.orderBy("label").valuesList("label", String.class).list().join();
	}

}
