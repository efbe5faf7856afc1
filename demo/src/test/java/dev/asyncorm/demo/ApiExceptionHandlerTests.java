package dev.asyncorm.demo;

import java.util.concurrent.CompletionException;

import dev.asyncorm.ObjectDoesNotExistException;
import org.junit.jupiter.api.Test;

import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The 404 mapping, also for an {@link ObjectDoesNotExistException} that reaches Spring MVC still
 * wrapped in a {@link CompletionException} (for example from a handler that joins a future).
 */
class ApiExceptionHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ThrowingController())
		.setControllerAdvice(new ApiExceptionHandler())
		.build();

	@Test
	void objectDoesNotExistIsNotFound() throws Exception {
		this.mvc.perform(get("/plain"))
			.andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"Pizza matching query does not exist.\"}", JsonCompareMode.STRICT));
	}

	@Test
	void objectDoesNotExistWrappedInCompletionExceptionIsNotFound() throws Exception {
		this.mvc.perform(get("/wrapped"))
			.andExpect(status().isNotFound())
			.andExpect(content().json("{\"error\": \"Pizza matching query does not exist.\"}", JsonCompareMode.STRICT));
	}

	@RestController
	static class ThrowingController {

		@GetMapping("/plain")
		String plain() {
			throw new ObjectDoesNotExistException("Pizza matching query does not exist.");
		}

		@GetMapping("/wrapped")
		String wrapped() {
			throw new CompletionException(new ObjectDoesNotExistException("Pizza matching query does not exist."));
		}

	}

}
