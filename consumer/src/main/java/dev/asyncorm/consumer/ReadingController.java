package dev.asyncorm.consumer;

import dev.asyncorm.ObjectDoesNotExistException;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * WebFlux endpoints on async-orm: a future becomes a {@link Mono}, an iterator a {@link Flux}
 * whose demand reaches the database (a chunk is read only when the client has taken the last).
 */
@RestController
public class ReadingController {

	private final ReadingRepository readings;

	ReadingController(ReadingRepository readings) {
		this.readings = readings;
	}

	/**
	 * One reading.
	 * @param id its id
	 * @return the reading, or 404
	 */
	@GetMapping("/readings/{id}")
	public Mono<Reading> reading(@PathVariable long id) {
		return Mono.fromFuture(() -> this.readings.get("pk", id));
	}

	/**
	 * The readings of a site, in id order, streamed as newline-delimited JSON.
	 * @param site the site
	 * @return the readings
	 */
	@GetMapping(path = "/readings", produces = MediaType.APPLICATION_NDJSON_VALUE)
	public Flux<Reading> readings(@RequestParam String site) {
		return JdkFlowAdapter.flowPublisherToFlux(this.readings.filter("site", site).orderBy("id").iterator());
	}

	/** A reading that does not exist is Django's {@code Http404}. */
	@ExceptionHandler(ObjectDoesNotExistException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	void notFound() {
	}

}
