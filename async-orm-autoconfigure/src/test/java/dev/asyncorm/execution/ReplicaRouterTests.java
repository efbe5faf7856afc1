package dev.asyncorm.execution;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import dev.asyncorm.RoutingHints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which database the {@link ReplicaRouter} sends each operation to.
 */
class ReplicaRouterTests {

	private static final RoutingHints NONE = RoutingHints.none();

	@Test
	void readsGoToTheReplicasInTurnAndWritesToThePrimary() {
		ReplicaRouter router = new ReplicaRouter(List.of("r1", "r2", "r3"));
		assertThat(IntStream.range(0, 6).mapToObj((i) -> router.dbForRead(Object.class, NONE).orElseThrow()))
			.containsExactly("r1", "r2", "r3", "r1", "r2", "r3");
		assertThat(router.dbForWrite(Object.class, NONE)).contains("default");
	}

	@Test
	void aReplicaThatIsDownIsLeftOutAndWithNoneLeftReadsGoToThePrimary() {
		Set<String> down = new java.util.HashSet<>(Set.of("r2"));
		ReplicaRouter router = new ReplicaRouter(List.of("r1", "r2"), (replica) -> !down.contains(replica), null);
		assertThat(IntStream.range(0, 4).mapToObj((i) -> router.dbForRead(Object.class, NONE).orElseThrow()))
			.containsExactly("r1", "r1", "r1", "r1");
		down.add("r1");
		assertThat(router.dbForRead(Object.class, NONE)).contains("default");
	}

	@Test
	void leastBusyPicksTheReplicaWithTheFewestConnectionsInUse() {
		Map<String, Integer> load = Map.of("r1", 5, "r2", 1, "r3", 3);
		ReplicaRouter router = new ReplicaRouter(List.of("r1", "r2", "r3"), (replica) -> true, load::get);
		assertThat(IntStream.range(0, 3).mapToObj((i) -> router.dbForRead(Object.class, NONE).orElseThrow()))
			.containsExactly("r2", "r2", "r2");
		ReplicaRouter withoutR2 = new ReplicaRouter(List.of("r1", "r2", "r3"), (replica) -> !replica.equals("r2"),
				load::get);
		assertThat(withoutR2.dbForRead(Object.class, NONE)).contains("r3");
	}

	@Test
	void anInstanceOfAnotherDatabaseIsLeftToTheNextRouter() {
		ReplicaRouter router = new ReplicaRouter(List.of("r1"));
		RoutingHints archived = new RoutingHints(new Object(), "archive");
		RoutingHints replicated = new RoutingHints(new Object(), "r1");
		assertThat(router.dbForRead(Object.class, archived)).isEmpty();
		assertThat(router.dbForWrite(Object.class, archived)).isEmpty();
		assertThat(router.dbForWrite(Object.class, replicated)).contains("default");
		assertThat(router.allowRelation(new Object(), "default", new Object(), "r1")).contains(true);
		assertThat(router.allowRelation(new Object(), "default", new Object(), "archive")).isEqualTo(Optional.empty());
	}

	@Test
	void thePrimaryIsNoReplica() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReplicaRouter(List.of("default")))
			.withMessage("'default' is the primary, not a replica: writes go there");
		assertThatIllegalArgumentException().isThrownBy(() -> new ReplicaRouter(List.of()))
			.withMessage("A ReplicaRouter needs at least one replica");
	}

}
