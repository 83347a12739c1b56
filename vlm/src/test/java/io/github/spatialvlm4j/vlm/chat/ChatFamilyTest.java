package io.github.spatialvlm4j.vlm.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatFamilyTest {

    @Test
    void modelTypesNameTheirFamilyInAnyCase() {
        assertEquals(Optional.of(ChatFamily.SMOLVLM), ChatFamily.find("idefics3"));
        assertEquals(Optional.of(ChatFamily.SMOLVLM), ChatFamily.find("SmolVLM"));
        assertEquals(Optional.of(ChatFamily.QWEN2_VL), ChatFamily.find("qwen2_vl"));
        assertEquals(Optional.empty(), ChatFamily.find("llava"));
        assertEquals(Optional.empty(), ChatFamily.find(""));
        assertEquals("idefics3, smolvlm, qwen2_vl", ChatFamily.allModelTypes());
        assertEquals("SmolVLM or Qwen2-VL", ChatFamily.displayNames());
    }
}
